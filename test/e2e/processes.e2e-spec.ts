import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { hashToken, MAINTENANCE_QUEUE, MaintenanceProducer } from '@hokenshitsu/identity';
import { createUser, login, startTestApp, type TestApp } from '../support/test-app.js';

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

  async function startWorker() {
    const worker = spawn(process.execPath, [join(dist, 'apps/worker/src/main.js')], { env: process.env });
    const output = { text: '' };
    worker.stdout.on('data', (d) => (output.text += d));
    worker.stderr.on('data', (d) => (output.text += d));
    for (let i = 0; i < 100 && !output.text.includes('worker started') && worker.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    const stop = async () => {
      const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
      worker.kill('SIGTERM');
      return exited;
    };
    return { worker, output, stop };
  }

  it('the worker starts, schedules housekeeping in Redis and stops cleanly on SIGTERM', async () => {
    const { output, stop } = await startWorker();
    expect(output.text).toContain('hokenshitsu worker started');
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:maintenance:*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(await redis.exists(`${process.env.QUEUE_PREFIX}:maintenance:repeat:purge-expired-sessions-hourly`)).toBe(1);
    } finally {
      redis.disconnect();
    }
    expect(await stop()).toBe(0);
    expect(output.text).toContain('hokenshitsu worker stopped');
  });

  it("a job the api enqueues (identity's producer) is run by the worker: an expired session is purged", async () => {
    const user = await createUser(t, 'counsellor');
    const token = decodeURIComponent((await login(t, user.email)).split('=')[1]!);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [hashToken(token)]);
    const { jobId } = await t.app.get(MaintenanceProducer).requestSessionPurge();
    // Asked twice within the hour: the deterministic id makes it the same job.
    expect((await t.app.get(MaintenanceProducer).requestSessionPurge()).jobId).toBe(jobId);
    const queue = t.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE.name));
    expect(await queue.getJobState(jobId)).toMatch(/waiting|prioritized|delayed/);

    const { stop } = await startWorker();
    try {
      let state = await queue.getJobState(jobId);
      for (let i = 0; i < 100 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = await queue.getJobState(jobId);
      }
      expect(state).toBe('completed');
      const job = await queue.getJob(jobId);
      expect(job?.data).toEqual({ trigger: 'request' });
      expect(job?.returnvalue.purged).toBeGreaterThanOrEqual(1);
      expect(await db.query(`SELECT 1 FROM sessions WHERE token_hash = $1`, [hashToken(token)])).toHaveLength(0);
    } finally {
      expect(await stop()).toBe(0);
    }
  });
});
