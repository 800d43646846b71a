#!/usr/bin/env node
// `npm start`: one command brings up the whole portal. Uses DATABASE_URL / REDIS_URL when set;
// otherwise an embedded PostgreSQL (.data/pg) and a local redis-server (.data/redis, AOF on).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BootstrapError, build, chromiumPath, ensureChromium, ensureDependencies, log, persistentSecrets, root, startEmbeddedPostgres, startLocalRedis,
} from './lib/services.mjs';

const dataDir = join(root, '.data');
const stops = [];
const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping ...');
  await Promise.all(children.map((c) => new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', resolve);
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
  })));
  for (const stop of stops.reverse()) await stop().catch(() => {});
  log('stopped');
  process.exit(code);
}

async function main() {
  ensureDependencies();
  ensureChromium();
  build();
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', PUPPETEER_EXECUTABLE_PATH: chromiumPath() };
  if (!env.SESSION_SECRET || !env.EMPLOYER_HMAC_KEY) Object.assign(env, { ...persistentSecrets(dataDir), ...pick(process.env, ['SESSION_SECRET', 'EMPLOYER_HMAC_KEY']) });
  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(join(dataDir, 'pg'), { persistent: true });
    stops.push(pg.stop);
    try {
      await pg.pg.createDatabase('hokenshitsu');
    } catch {
      // already there from an earlier run
    }
    env.DATABASE_URL = `${pg.url}/hokenshitsu`;
    log(`embedded PostgreSQL on ${new URL(pg.url).port}, data in .data/pg`);
  }
  if (!env.REDIS_URL) {
    const redis = await startLocalRedis(join(dataDir, 'redis'), { appendOnly: true });
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
    log(`local Redis on ${new URL(redis.url).port}, data in .data/redis`);
  }
  // What `npm run cli` needs to reach this portal while it runs (removed again on stop).
  mkdirSync(dataDir, { recursive: true });
  const runtimeFile = join(dataDir, 'runtime.json');
  const keys = ['DATABASE_URL', 'REDIS_URL', 'SESSION_SECRET', 'EMPLOYER_HMAC_KEY', 'PUPPETEER_EXECUTABLE_PATH', 'QUEUE_PREFIX'];
  writeFileSync(runtimeFile, JSON.stringify(Object.fromEntries(keys.filter((k) => env[k]).map((k) => [k, env[k]])), null, 2), { mode: 0o600 });
  stops.push(async () => rmSync(runtimeFile, { force: true }));
  // Migrations first, and the first admin, before any process serves a request.
  const cli = (args) => spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...args], { cwd: root, env, stdio: 'inherit' });
  if (cli(['migration:run']).status !== 0) throw new BootstrapError('migrations failed');
  if (cli(['admin:ensure']).status !== 0) throw new BootstrapError('could not create the admin user');

  for (const [name, file] of [['api', 'dist/apps/api/src/main.js'], ['worker', 'dist/apps/worker/src/main.js']]) {
    const child = spawn(process.execPath, [join(root, file)], { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping everything`);
        shutdown(code || 1);
      }
    });
    children.push(child);
  }
  const port = env.PORT ?? '3000';
  log(`portal: ${env.PUBLIC_URL ?? `http://localhost:${port}`}  (Ctrl-C stops everything)`);
}

function pick(source, keys) {
  return Object.fromEntries(keys.filter((k) => source[k]).map((k) => [k, source[k]]));
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch(async (error) => {
  console.error(error instanceof BootstrapError ? `[hokenshitsu] ${error.message}` : error);
  await shutdown(1);
});
