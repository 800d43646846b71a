import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { FlowProducer, type FlowJobNode } from 'bullmq';
import { APP_CONFIG, InjectJobQueue, JobQueue, ServiceUnavailableError, type AppConfig } from '@hokenshitsu/core';
import type { Report } from '../reports/report.entity.js';
import { REPORTS_QUEUE, reportJobIds, type ReportsQueue } from './reports.queue.js';

/** How long a request waits for Redis before answering 503: a person is waiting for the page. */
const REDIS_WAIT_MS = 2_500;
const RETRY_AFTER_SECONDS = 30;

/**
 * Queues renders. Redis down must not hang a request or take other pages with it: every call is
 * bounded and answers ServiceUnavailableError (503 + Retry-After); ioredis reconnects by itself,
 * so the next request after Redis is back goes through. A late add after a timeout is harmless:
 * job ids are deterministic.
 */
@Injectable()
export class ReportsProducer implements OnModuleDestroy {
  private flows?: FlowProducer;

  constructor(
    @InjectJobQueue(REPORTS_QUEUE) private readonly queue: JobQueue<ReportsQueue>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get prerenderOnPublish(): boolean {
    return this.config.reports.prerenderOnPublish;
  }

  async enqueue(report: Report): Promise<void> {
    await this.withRedis(async () => {
      const jobId = reportJobIds.render(report);
      const known = await this.queue.queue.getJob(jobId);
      // A failed job keeps its id for a while: asking again retries it instead of being ignored.
      if (known && (await known.isFailed())) await known.retry();
      else if (!known) await this.queue.add('render-report', { reportId: report.id }, { jobId });
    });
  }

  /**
   * A publication's reports as one BullMQ flow: a parent `report-batch` over one `render-report`
   * child each, so the batch shows as one unit in the queue board. Reports whose job is already
   * in Redis are left to it (a job belongs to one parent only).
   */
  async enqueueBatch(releaseId: string, templateVersion: string, adviceVersion: number, reports: Report[]): Promise<void> {
    await this.withRedis(async () => {
      const jobIds = reports.map((report) => reportJobIds.render(report));
      const known = await Promise.all(jobIds.map((jobId) => this.queue.queue.getJob(jobId)));
      const children: FlowJobNode[] = reports.flatMap((report, i) =>
        known[i] ? [] : [{ name: 'render-report', queueName: REPORTS_QUEUE.name, data: { reportId: report.id }, opts: { jobId: jobIds[i]!, ignoreDependencyOnFailure: true } }],
      );
      if (!children.length) return;
      this.flows ??= new FlowProducer({ connection: this.queue.queue.opts.connection, prefix: this.config.queuePrefix });
      await this.flows.add(
        { name: 'report-batch', queueName: REPORTS_QUEUE.name, data: { releaseId, total: children.length }, opts: { jobId: reportJobIds.batch(releaseId, templateVersion, adviceVersion) }, children },
        { queuesOptions: { [REPORTS_QUEUE.name]: { defaultJobOptions: this.queue.queue.defaultJobOptions } } },
      );
    }, 15_000);
  }

  async onModuleDestroy(): Promise<void> {
    await this.flows?.close();
  }

  private async withRedis<T>(work: () => Promise<T>, waitMs = REDIS_WAIT_MS): Promise<T> {
    const client = await Promise.race([this.queue.queue.getBackend().client, sleep(waitMs).then(() => null)]);
    if (!client || client.status !== 'ready') throw unavailable();
    const pending = work();
    // Answered already when it fails after the wait: nothing may be left unhandled.
    pending.catch(() => undefined);
    const result = await Promise.race([pending.then((value) => ({ value })), sleep(waitMs).then(() => null)]).catch(() => null);
    if (!result) throw unavailable();
    return result.value;
  }
}

function unavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError('reports cannot be queued right now (the job queue is unavailable): try again in a minute', RETRY_AFTER_SECONDS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
