import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, QUEUES, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { IdentityCoreModule, SessionPurgeProcessor } from '@hokenshitsu/identity';

/** Every processor the worker runs; main.ts checks their declarations cover every job. */
export const PROCESSORS = [SessionPurgeProcessor];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, { runMigrations: false }),
        BullModule.forRoot({
          connection: { url: config.redisUrl },
          prefix: config.queuePrefix,
          defaultJobOptions: {
            attempts: config.jobAttempts,
            backoff: { type: 'exponential', delay: config.jobBackoffMs },
            removeOnComplete: 1000,
            removeOnFail: 5000,
          },
        }),
        BullModule.registerQueue(...Object.values(QUEUES).map((q) => ({ name: q.name }))),
        IdentityCoreModule,
      ],
      providers: [...PROCESSORS],
    };
  }
}
