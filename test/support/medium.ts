import 'reflect-metadata';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig, type AppConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';

/**
 * Medium tests: one domain module with its real repositories on the throwaway PostgreSQL that
 * `npm test` prepares (DATABASE_URL, migrations already applied), booted as an application context:
 * no HTTP, no Redis, no browser. For what only a database can show: a query, a transaction, a lock.
 */
export interface MediumContext {
  module: TestingModule;
  config: AppConfig;
  db: DataSource;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

export interface MediumOptions {
  /** Replace providers before the module compiles, e.g. `(b) => b.overrideProvider(Clock).useValue(clock)`. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Extra environment over process.env for loadConfig. */
  env?: Record<string, string>;
}

@Module({})
class MediumRootModule {}

export async function startMedium(domain: Type | DynamicModule, options: MediumOptions = {}): Promise<MediumContext> {
  if (!process.env.DATABASE_URL) throw new Error('run medium tests with `npm test` (it prepares DATABASE_URL and applies the migrations)');
  const config = loadConfig({ ...process.env, ...options.env });
  let builder = Test.createTestingModule({
    imports: [
      { module: MediumRootModule, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config.databaseUrl, { runMigrations: false }), domain] },
    ],
  });
  if (options.override) builder = options.override(builder);
  const module = await builder.compile();
  module.useLogger(false);
  await module.init();
  return {
    module,
    config,
    db: module.get(DataSource),
    get: (type) => module.get(type, { strict: false }),
    close: () => module.close(),
  };
}
