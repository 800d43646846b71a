import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, JobsOptions, Queue, QueueOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config.js';
import type { JobName, JobPayload, QueueDeclaration } from './queue-definition.js';

/** The options every queue and worker of the process shares: connection, key prefix, retries. */
export function queueRootOptions(config: AppConfig): QueueOptions {
  return {
    connection: { url: config.redisUrl },
    prefix: config.queuePrefix,
    defaultJobOptions: {
      attempts: config.jobAttempts,
      backoff: { type: 'exponential', delay: config.jobBackoffMs },
      // Keep recent history for inspection, and deterministic ids deduplicating for that long.
      removeOnComplete: 1000,
      removeOnFail: 5000,
    },
  };
}

/** A domain's queue with typed `add`: the job name decides the payload type. */
export class JobQueue<Q extends QueueDeclaration> {
  constructor(
    readonly definition: Q,
    readonly queue: Queue,
  ) {}

  add<N extends JobName<Q>>(name: N, data: JobPayload<Q, N>, options: Pick<JobsOptions, 'jobId' | 'delay' | 'priority' | 'removeOnComplete' | 'removeOnFail'> = {}): Promise<Job<JobPayload<Q, N>, unknown, N>> {
    return this.queue.add(name, data, options) as Promise<Job<JobPayload<Q, N>, unknown, N>>;
  }
}

export const jobQueueToken = (queue: QueueDeclaration | string): string => `hokenshitsu:job-queue:${typeof queue === 'string' ? queue : queue.name}`;
const definitionToken = (queue: QueueDeclaration): string => `hokenshitsu:queue-definition:${queue.name}`;

/** Injects the JobQueue of a domain's queue (registered by QueueModule.forDomain). */
export const InjectJobQueue = (queue: QueueDeclaration): ParameterDecorator => Inject(jobQueueToken(queue));

/** Upserts a queue's declared schedules when the worker has started (same id: updated, not added). */
class QueueSchedules implements OnApplicationBootstrap {
  constructor(
    private readonly definition: QueueDeclaration,
    private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of this.definition.schedules) {
      const repeat = 'every' in schedule ? { every: schedule.every } : { pattern: schedule.pattern };
      await this.queue.upsertJobScheduler(schedule.id, repeat, { name: schedule.job, data: schedule.data });
    }
  }
}

// One dynamic module object per queue, so a queue imported by several modules is one provider.
const domainModules = new Map<QueueDeclaration, DynamicModule>();
const workerModules = new Map<QueueDeclaration, DynamicModule>();

/**
 * BullMQ for the whole process (`forRoot`, imported by the api, the worker and the cli) and one
 * queue per domain (`forDomain`, imported by the domain's module so its producer can enqueue from
 * any process; `forWorker`, imported by the domain's worker module for its schedules).
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: QueueModule, imports: [BullModule.forRoot(queueRootOptions(config))] };
  }

  static forDomain(queue: QueueDeclaration): DynamicModule {
    let module = domainModules.get(queue);
    if (!module) {
      const bull = BullModule.registerQueue({ name: queue.name });
      module = {
        module: QueueModule,
        imports: [bull],
        providers: [
          // Read by jobsDeclaredIn: the worker's start check sees which queues its modules declare.
          { provide: definitionToken(queue), useValue: queue },
          { provide: jobQueueToken(queue), useFactory: (q: Queue) => new JobQueue(queue, q), inject: [getQueueToken(queue.name)] },
        ],
        exports: [bull, jobQueueToken(queue)],
      };
      domainModules.set(queue, module);
    }
    return module;
  }

  static forWorker(queue: QueueDeclaration): DynamicModule {
    let module = workerModules.get(queue);
    if (!module) {
      const domain = QueueModule.forDomain(queue);
      module = {
        module: QueueModule,
        imports: [domain],
        providers: [
          {
            provide: `hokenshitsu:queue-schedules:${queue.name}`,
            useFactory: (q: Queue) => new QueueSchedules(queue, q),
            inject: [getQueueToken(queue.name)],
          },
        ],
        exports: [domain],
      };
      workerModules.set(queue, module);
    }
    return module;
  }
}
