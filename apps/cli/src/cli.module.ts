import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { IdentityCoreModule } from '@hokenshitsu/identity';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config.databaseUrl, { runMigrations: true }), IdentityCoreModule],
    };
  }
}
