import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, QueueModule, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { IdentityModule } from '@hokenshitsu/identity';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, { runMigrations: true }),
        // Identity's module holds its producer, whose queue needs the process's BullMQ connection.
        QueueModule.forRoot(config),
        IdentityModule,
      ],
    };
  }
}
