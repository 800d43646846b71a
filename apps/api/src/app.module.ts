import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter, ConfigModule, QueueModule, RedisModule, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { API_DOMAIN_MODULES } from './api-domains.js';
import { HealthController } from './health.controller.js';

/** Composes the domain modules for the HTTP process; no rule lives here. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, { runMigrations: true }),
        RedisModule.forRoot(config.redisUrl),
        // The domains' producers enqueue from here; only the worker runs the jobs.
        QueueModule.forRoot(config),
        ...Object.values(API_DOMAIN_MODULES),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
