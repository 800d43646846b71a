import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownQueuePrefix, reportWorld, waitForReport, type ReportWorld } from '../support/reports.js';

const dist = process.env.HKS_DIST ?? join(process.cwd(), 'dist');

/** Chromium processes whose profile names this worker pid (the pool's user-data-dir). */
function chromiumOf(workerPid: number): number[] {
  const out = spawnSync('pgrep', ['-f', `hks-chromium-${workerPid}-`], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false;
    }
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The worker as operators run it (its own process, real Redis, real Chromium) through the faults
 * that hurt PDF services most: the worker killed mid-render, Chromium killed, a stop while
 * rendering. Owns FY2052.
 */
describe('report worker under faults', () => {
  let t: TestApp;
  let w: ReportWorld;
  let db: DataSource;
  const workers: ChildProcess[] = [];

  const startWorker = async () => {
    const worker = spawn(process.execPath, [join(dist, 'apps/worker/src/main.js')], { env: { ...process.env, QUEUE_PREFIX: t.config.queuePrefix } });
    workers.push(worker);
    const output = { text: '' };
    worker.stdout!.on('data', (d) => (output.text += d));
    worker.stderr!.on('data', (d) => (output.text += d));
    await until('worker start', () => (output.text.includes('worker started') ? true : worker.exitCode !== null ? Promise.reject(new Error(output.text)) : undefined), 20_000);
    return { worker, output };
  };
  const ask = async (industry: string, sizeClass = '20-99', locale = 'ja') => {
    const res = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry, size_class: sizeClass, locale });
    if (res.status !== 202) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const row = async (id: string) => (await db.query(`SELECT status, renders, (SELECT count(*)::int FROM report_pdfs WHERE report_id = id) AS pdfs FROM reports WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() });
    w = await reportWorld(t, 2052, 500);
    db = t.app.get(DataSource);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await t.close();
  });

  it('kill -9 of the worker mid-render: no Chromium left, the job completes exactly once after a restart', async () => {
    const first = await startWorker();
    const id = await ask('E');
    // The first render of a process launches Chromium: it is mid-render as soon as the row says so.
    await until('rendering', async () => ((await row(id)).status === 'rendering' ? true : undefined), 30_000, 10);
    const pid = first.worker.pid!;
    await until('chromium up', () => (chromiumOf(pid).length ? true : undefined), 10_000, 10).catch(() => undefined);
    first.worker.kill('SIGKILL');
    await until('worker gone', () => (first.worker.exitCode !== null || first.worker.signalCode ? true : undefined), 5_000);
    expect(['rendering', 'queued']).toContain((await row(id)).status);
    // Its Chromium goes with it (the pool's watchdog), without waiting for a restart.
    await until('no orphan chromium', () => (chromiumOf(pid).length === 0 ? true : undefined), 10_000, 100);

    await startWorker();
    const done = await waitForReport(t, w.manager, id, 60_000);
    expect(done.status).toBe('done');
    expect(await row(id)).toEqual({ status: 'done', renders: 1, pdfs: 1 });
  }, 120_000);

  it('Chromium killed under the worker mid-render: relaunched, the job completes', async () => {
    const running = workers.at(-1)!;
    const before = chromiumOf(running.pid!);
    expect(before.length).toBeGreaterThan(0);
    const id = await ask('P', '100-299');
    await until('rendering', async () => ((await row(id)).status === 'rendering' ? true : undefined), 30_000, 5);
    for (const pid of chromiumOf(running.pid!)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // one of its children, gone with its parent
      }
    }
    expect((await waitForReport(t, w.manager, id, 60_000)).status).toBe('done');
    expect(await row(id)).toEqual({ status: 'done', renders: 1, pdfs: 1 });
    expect(chromiumOf(running.pid!).some((pid) => !before.includes(pid))).toBe(true);
  }, 90_000);

  it('stops on SIGTERM with exit code 0 and leaves no Chromium', async () => {
    const running = workers.at(-1)!;
    const pid = running.pid!;
    const id = await ask('I', '1-19');
    const exited = new Promise<number | null>((r) => running.once('exit', (code) => r(code)));
    await until('picked up', async () => ((await row(id)).status !== 'queued' ? true : undefined), 30_000, 10).catch(() => undefined);
    running.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(chromiumOf(pid)).toEqual([]);
    // Finished before stopping, or given back to the queue: never lost, never half-stored.
    const after = await row(id);
    expect(after.pdfs).toBe(after.status === 'done' ? 1 : 0);
  }, 60_000);
});
