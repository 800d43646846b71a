#!/usr/bin/env node
// `npm start`: one command brings up the whole portal. Uses DATABASE_URL / REDIS_URL when set;
// otherwise an embedded PostgreSQL (.data/pg) and a local redis-server (.data/redis, AOF on).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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

/**
 * How the processes' logs reach the operator. A person at a terminal gets a few readable lines:
 * the JSON logs go to .data/logs/{api,worker}.log and each warning or error is one short line here.
 * JSON stays on stdout for a log collector: when stdout is not a terminal, with LOG_FORMAT=json, or
 * when an operator set NODE_ENV=production herself (LOG_FORMAT=text forces the short lines).
 */
function logFormat() {
  if (process.env.LOG_FORMAT === 'json' || process.env.LOG_FORMAT === 'text') return process.env.LOG_FORMAT;
  if (process.env.NODE_ENV === 'production' || !process.stdout.isTTY) return 'json';
  return 'text';
}

const LEVELS = { 40: 'warning', 50: 'error', 60: 'fatal' };

/** One short line for a pino JSON record at warning level or above; undefined for the rest. */
function shortLine(name, line) {
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  const level = LEVELS[record.level >= 60 ? 60 : record.level >= 50 ? 50 : record.level >= 40 ? 40 : 0];
  if (!level) return undefined;
  const request = record.req ? ` ${record.req.method} ${record.req.path}${record.res ? ` → ${record.res.statusCode}` : ''}` : '';
  const id = record.req?.id ?? record.requestId;
  return `[${name}] ${level}: ${record.msg ?? ''}${request}${record.context ? ` (${record.context})` : ''}${id ? ` [request ${id}]` : ''}`;
}

/** A child's output into its log file; warnings, errors and anything on stderr also as a line here. */
function captureLogs(name, child, logDir) {
  const file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  createInterface({ input: child.stdout }).on('line', (line) => {
    file.write(`${line}\n`);
    const short = shortLine(name, line);
    if (short) console.log(short);
  });
  // stderr is where a crash speaks (a stack, "failed to start"): a person must see it.
  createInterface({ input: child.stderr }).on('line', (line) => {
    file.write(`${line}\n`);
    console.error(`[${name}] ${line}`);
  });
  child.once('exit', () => file.end());
}

/** Resolves once the api answers /health, so the address printed is one that works. */
async function waitForHealth(port, child, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || stopping) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
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
  const format = logFormat();
  const logDir = join(dataDir, 'logs');
  if (format === 'text') mkdirSync(logDir, { recursive: true });
  const cli = (args, stdout = 'inherit') => spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), ...args], { cwd: root, env, stdio: ['inherit', stdout, 'inherit'] });
  if (cli(['migration:run'], format === 'text' ? 'ignore' : 'inherit').status !== 0) throw new BootstrapError('migrations failed');
  if (cli(['admin:ensure']).status !== 0) throw new BootstrapError('could not create the admin user');

  let api;
  for (const [name, file] of [['api', 'dist/apps/api/src/main.js'], ['worker', 'dist/apps/worker/src/main.js']]) {
    const child = spawn(process.execPath, [join(root, file)], { cwd: root, env, stdio: format === 'text' ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (format === 'text') captureLogs(name, child, logDir);
    if (name === 'api') api = child;
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping everything`);
        shutdown(code || 1);
      }
    });
    children.push(child);
  }
  if (format === 'text') log('logs: .data/logs/api.log and worker.log (JSON); warnings and errors also show here');
  const port = env.PORT ?? '3000';
  if (!(await waitForHealth(port, api))) {
    if (!stopping) throw new BootstrapError(`the api did not answer http://127.0.0.1:${port}/health: see the lines above${format === 'text' ? ' and .data/logs/api.log' : ''}`);
    return;
  }
  log(`portal ready: ${env.PUBLIC_URL ?? `http://localhost:${port}`}  (Ctrl-C stops everything)`);
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
