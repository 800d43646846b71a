import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

@Module({})
export class DatabaseModule {
  /** `runMigrations`: the api applies pending migrations as it starts; the worker and CLI do not need to. */
  static forRoot(databaseUrl: string, options: { runMigrations: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true, migrationsRun: options.runMigrations }),
      ],
    };
  }
}
