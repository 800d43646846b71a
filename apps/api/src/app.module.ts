import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter, ConfigModule, RedisModule, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { IdentityModule } from '@hokenshitsu/identity';
import { ReferenceHttpModule } from '@hokenshitsu/reference';
import { CompaniesHttpModule } from '@hokenshitsu/companies';
import { ConsultationsHttpModule } from '@hokenshitsu/consultations';
import { DigestsHttpModule } from '@hokenshitsu/digests';
import { PortalHttpModule } from '@hokenshitsu/portal';
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
        IdentityModule,
        ReferenceHttpModule,
        CompaniesHttpModule,
        ConsultationsHttpModule,
        DigestsHttpModule,
        PortalHttpModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
