#!/usr/bin/env node
// `npm test`: installs what is missing, finds PostgreSQL and Redis (configured, else the local
// services on 5432/6379, else embedded/private ones), creates a fresh database for the run, runs
// the type check, unit and end-to-end suites with jest, and drops the database afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminQuery, BootstrapError, build, chromiumPath, ensureChromium, ensureDependencies, ensureSystemPackages, log, reachable, root,
  startEmbeddedPostgres, startLocalRedis, withDatabase,
} from './lib/services.mjs';

const stops = [];

async function main() {
  ensureDependencies();
  ensureChromium();
  ensureSystemPackages([{ binary: 'pdftotext', package: 'poppler-utils' }]);
  // HKS_QUICK=1 (local runs only) reuses dist/ and skips the type check while others are mid-edit.
  if (!process.env.HKS_QUICK) build();
  log('type-checking tests ...');
  if (!process.env.HKS_QUICK && spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' }).status !== 0) {
    throw new BootstrapError('type check failed');
  }
  const tmp = mkdtempSync(join(tmpdir(), 'hks-test-'));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl && (await reachable('127.0.0.1', 5432))) serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres(join(tmp, 'pg'), { persistent: false });
    stops.push(pg.stop);
    serverUrl = pg.url;
  }
  const database = `hks_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
  stops.push(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  log(`fresh database ${database}`);

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl && (await reachable('127.0.0.1', 6379))) redisUrl = 'redis://127.0.0.1:6379';
  if (!redisUrl) {
    const redis = await startLocalRedis(join(tmp, 'redis'), { appendOnly: false });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }

  const env = {
    ...process.env,
    NODE_ENV: 'test',
    TZ: 'UTC', // the code must not depend on the process time zone: prove it by running in UTC
    DATABASE_URL: withDatabase(serverUrl, database),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `hks-test-${database}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    EMPLOYER_HMAC_KEY: randomBytes(32).toString('base64url'),
    PUPPETEER_EXECUTABLE_PATH: chromiumPath(),
  };
  // Migrate once before the suites run in parallel, so no two suites race to create the schema.
  const migrate = spawnSync(process.execPath, [join(process.env.HKS_DIST || join(root, 'dist'), 'apps/cli/src/main.js'), 'migration:run'], { cwd: root, env, stdio: 'inherit' });
  if (migrate.status !== 0) throw new BootstrapError('migrations failed');

  const jestArgs = ['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js'), '--maxWorkers=2', ...process.argv.slice(2)];
  const jest = spawnSync(process.execPath, jestArgs, { cwd: root, env, stdio: 'inherit' });
  return jest.status ?? 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof BootstrapError ? `[hokenshitsu] ${error.message}` : error);
} finally {
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(`cleanup: ${e.message}`));
}
process.exit(code);
