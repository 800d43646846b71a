import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, QueueModule, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { WORKER_DOMAIN_MODULES } from './worker-domains.js';

/**
 * Composes the domains' worker modules; their processors, queues and schedules come with them.
 * main.ts reads this tree (jobsDeclaredIn) to check that every declared job has one handler.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, { runMigrations: false }),
        QueueModule.forRoot(config),
        ...Object.values(WORKER_DOMAIN_MODULES),
      ],
    };
  }
}
