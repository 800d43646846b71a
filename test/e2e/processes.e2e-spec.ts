import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { login, startTestApp, type TestApp } from '../support/test-app.js';

const dist = process.env.HKS_DIST || join(process.cwd(), 'dist');

/** The compiled processes as an operator runs them: the CLI and the worker. */
describe('cli and worker processes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  function cli(args: string[], env: Record<string, string> = {}) {
    return spawnSync(process.execPath, [join(dist, 'apps/cli/src/main.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  }

  it('users:create prints a generated password once, and the user can sign in with it', async () => {
    const email = `op-${Date.now()}@example.jp`;
    const res = cli(['users:create', '--email', email, '--role', 'counsellor']);
    expect(res.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(res.stdout)?.[1];
    expect(password).toBeDefined();
    expect(await login(t, email, password)).toMatch(/^hks_session=/);
  });

  it('users:create refuses a bad role, a manager without company, and a duplicate, with one clear line', () => {
    expect(cli(['users:create', '--email', 'x@example.jp', '--role', 'wizard']).stderr).toMatch(/role must be one of/);
    expect(cli(['users:create', '--email', 'y@example.jp', '--role', 'company_manager']).stderr).toMatch(/needs a company/);
    const email = `dup-${Date.now()}@example.jp`;
    expect(cli(['users:create', '--email', email, '--role', 'city_staff', '--password', 'a-long-enough-password']).status).toBe(0);
    const dup = cli(['users:create', '--email', email, '--role', 'city_staff']);
    expect(dup.status).not.toBe(0);
    expect(dup.stderr).toMatch(/already registered/);
  });

  it('a process with a bad configuration stops with one line naming the variable', () => {
    const res = cli(['migration:run'], { SESSION_SECRET: 'short' });
    expect(res.status).not.toBe(0);
    expect(res.stderr.trim()).toBe('Configuration error: SESSION_SECRET must be at least 32 characters long');
  });

  it('the worker starts, schedules housekeeping in Redis and stops cleanly on SIGTERM', async () => {
    const worker = spawn(process.execPath, [join(dist, 'apps/worker/src/main.js')], { env: process.env });
    let out = '';
    worker.stdout.on('data', (d) => (out += d));
    worker.stderr.on('data', (d) => (out += d));
    for (let i = 0; i < 100 && !out.includes('worker started'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('hokenshitsu worker started');
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:maintenance:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('hokenshitsu worker stopped');
  });
});
