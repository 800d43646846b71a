import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp, withFormToken } from '../support/test-app.js';
import { ownQueuePrefix, reportWorld, type ReportWorld } from '../support/reports.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startRedis(port: number, dir: string): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'yes'], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  for (let i = 0; i < 50; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

function stopRedis(port: number): void {
  spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
}

/**
 * Redis stops under a running api: asking for a report answers 503 with Retry-After at once, every
 * other route keeps working, and when Redis is back the api takes requests again without a
 * restart. A Redis of the suite's own, so stopping it disturbs no other suite. Owns FY2051.
 */
describe('reports when Redis is down', () => {
  let t: TestApp;
  let w: ReportWorld;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'hks-redis-'));
  const ask = (industry: string) => t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry, size_class: '20-99', locale: 'ja' });

  beforeAll(async () => {
    port = await freePort();
    await startRedis(port, dir);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: ownQueuePrefix() });
    w = await reportWorld(t, 2051, 400);
  }, 120_000);
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    stopRedis(port);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, keeps the rest working, and recovers by itself', async () => {
    await ask('E').expect(202);
    stopRedis(port);

    const started = Date.now();
    const refused = await ask('G');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.message).toMatch(/try again/);
    expect(Date.now() - started).toBeLessThan(6_000);

    // The manager's page form: the portal's error page in her language, with Retry-After too.
    const form = await withFormToken(t, w.manager, `/digests?release=${w.releaseId}`);
    const page = await t.http.post('/reports').type('form').set('Accept', 'text/html').set('Cookie', form.cookie)
      .send({ _csrf: form.token, release_id: w.releaseId, industry: 'H', size_class: '20-99', locale: 'ja' });
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('ただいまPDFの作成を受け付けられません。しばらくしてからもう一度お試しください。');

    // Everything that does not queue work goes on: the API, the pages, signing in.
    await t.http.get('/api/v1/releases').set('Cookie', w.manager).expect(200);
    await t.http.get(`/api/v1/releases/${w.releaseId}/digest`).set('Cookie', w.manager).expect(200);
    await t.http.get('/digests').set('Cookie', w.manager).set('Accept', 'text/html').expect(200);
    await t.http.get('/health').expect((res) => expect([200, 503]).toContain(res.status));
    // Nothing half-written: the refused report is not waiting in the database as if queued.
    const status = await t.http.get('/api/v1/reports').set('Cookie', w.manager).expect(200);
    expect(status.body.length).toBeGreaterThanOrEqual(1);

    await startRedis(port, dir);
    const deadline = Date.now() + 30_000;
    let answer = 0;
    while (Date.now() < deadline) {
      answer = (await ask('G')).status;
      if (answer === 202) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(answer).toBe(202);
  }, 90_000);
});
