#!/usr/bin/env node
// `npm run bench:<name>`: prepares PostgreSQL and Redis like `npm test` (a fresh database, dropped
// afterwards), builds, then runs dist/test/bench/<name>.bench.js.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { adminQuery, BootstrapError, build, ensureDependencies, reachable, root, startEmbeddedPostgres, startLocalRedis, withDatabase } from './lib/services.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const name = process.argv[2];
const stops = [];
async function main() {
  if (!name) throw new BootstrapError('usage: node scripts/bench.mjs <name>');
  ensureDependencies();
  build();
  const tmp = mkdtempSync(join(tmpdir(), 'hks-bench-'));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl && (await reachable('127.0.0.1', 5432))) serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres(join(tmp, 'pg'), { persistent: false });
    stops.push(pg.stop);
    serverUrl = pg.url;
  }
  const database = `hks_bench_${Date.now()}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
  stops.push(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl && (await reachable('127.0.0.1', 6379))) redisUrl = 'redis://127.0.0.1:6379';
  if (!redisUrl) {
    const redis = await startLocalRedis(join(tmp, 'redis'), { appendOnly: false });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    TZ: 'UTC',
    DATABASE_URL: withDatabase(serverUrl, database),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `hks-bench-${database}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    EMPLOYER_HMAC_KEY: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'error',
  };
  const dist = process.env.HKS_DIST || join(root, 'dist');
  return spawnSync(process.execPath, [join(dist, 'test/bench', `${name}.bench.js`)], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}
let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof BootstrapError ? `[hokenshitsu] ${error.message}` : error);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}
process.exit(code);
