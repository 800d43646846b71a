import { createServer, type Server } from 'node:http';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { holdAdviceLock, ownQueuePrefix, readPdf, reportWorld, waitForReport, type ReportWorld } from '../support/reports.js';

/**
 * Advice for employers: versions, refusals, a new version making new reports, and hostile text
 * in a real PDF. The only suite that saves advice (it holds the advice lock exclusively, so the
 * suites that ask for "the same report twice" never see the version move). Owns FY2056.
 */
describe('report advice', () => {
  let t: TestApp;
  let w: ReportWorld;
  let release: () => Promise<void>;
  let listener: Server;
  const hits: string[] = [];
  let port = 0;

  beforeAll(async () => {
    release = await holdAdviceLock('exclusive');
    listener = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as { port: number }).port;
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true });
    w = await reportWorld(t, 2056, 600);
  }, 300_000);
  afterAll(async () => {
    await t.close();
    listener.close();
    await release();
  });

  const body = (over: Record<string, unknown> = {}) => ({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'ja', ...over });

  it('keeps advice in versions: staff save a new one, a stale save is refused (409), a bad entry names its field', async () => {
    const current = await t.http.get('/api/v1/report-advice').set('Cookie', w.staff.cookie).expect(200);
    expect(current.body.version).toBeGreaterThanOrEqual(1);
    // The built-in advice covers every theme.
    if (current.body.version === 1) expect(current.body.entries).toHaveLength(15);
    const entries = [{ theme: 'childcare_balance', ja: '短時間勤務の運用を見直しましょう。', en: 'Review how short working hours work in practice.' }];
    const saved = await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: current.body.version, entries }).expect(201);
    expect(saved.body.version).toBe(current.body.version + 1);
    expect(saved.body.entries).toEqual(entries);
    const stale = await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: current.body.version, entries }).expect(409);
    expect(stale.body.fields[0].field).toBe('version');
    const bad = await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: saved.body.version, entries: [{ theme: 'nope', ja: 'x', en: 'y' }] }).expect(400);
    expect(bad.body.fields[0].field).toBe('entries[0].theme');
    const half = await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: saved.body.version, entries: [{ theme: 'health', ja: 'x', en: '' }] }).expect(400);
    expect(half.body.fields[0].field).toBe('entries[0].en');
    await t.http.get(`/api/v1/report-advice/${current.body.version}`).set('Cookie', w.staff.cookie).expect(200);
    await t.http.get('/api/v1/report-advice/99999999999').set('Cookie', w.staff.cookie).expect(404);
    await t.http.get('/api/v1/report-advice').set('Cookie', w.manager).expect(403);
  });

  it('makes a new report when the advice changes, and keeps the old one as it was', async () => {
    const before = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body()).expect(202);
    expect((await waitForReport(t, w.manager, before.body.id)).status).toBe('done');
    const current = (await t.http.get('/api/v1/report-advice').set('Cookie', w.staff.cookie).expect(200)).body;
    await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: current.version, entries: current.entries }).expect(201);
    const after = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body()).expect(202);
    expect(after.body.id).not.toBe(before.body.id);
    expect(after.body.status).toBe('queued');
    await t.http.get(`/api/v1/reports/${before.body.id}/pdf`).set('Cookie', w.manager).expect(200);
    const rows = await t.app.get(DataSource).query(`SELECT advice_version FROM reports WHERE id = ANY($1::uuid[]) ORDER BY advice_version`, [[before.body.id, after.body.id]]);
    expect(rows.map((r: { advice_version: number }) => r.advice_version)).toEqual([current.version, current.version + 1]);
    // Her list names the scope once: the report she asked for last.
    const mine = (await t.http.get('/api/v1/reports').set('Cookie', w.manager).expect(200)).body.map((r: { id: string }) => r.id);
    expect(mine).toContain(after.body.id);
    expect(mine).not.toContain(before.body.id);
  }, 120_000);

  it('escapes advice text: hostile markup fetches nothing and reads no file', async () => {
    const digest = (await t.http.get(`/api/v1/releases/${w.releaseId}/digest?industry=I&size_class=1-19`).set('Cookie', w.manager).expect(200)).body;
    const top: string = digest.top_themes[0].code;
    const hostile = [
      `<img src="http://127.0.0.1:${port}/img">`,
      `<link rel="stylesheet" href="http://127.0.0.1:${port}/css">`,
      `<iframe src="file:///etc/passwd"></iframe>`,
      `<div style="background:url(http://127.0.0.1:${port}/bg)">x</div>`,
      `<style>@import url(http://127.0.0.1:${port}/imp);</style>`,
      `<script>fetch('http://127.0.0.1:${port}/js')</script>`,
    ].join(' ');
    const current = (await t.http.get('/api/v1/report-advice').set('Cookie', w.staff.cookie).expect(200)).body;
    const entries = [...current.entries.filter((e: { theme: string }) => e.theme !== top), { theme: top, ja: `注意 ${hostile}`, en: `Note ${hostile}` }];
    await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: current.version, entries }).expect(201);
    const asked = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body({ industry: 'I', size_class: '1-19' })).expect(202);
    expect((await waitForReport(t, w.manager, asked.body.id, 90_000)).status).toBe('done');
    const pdf = (await t.app.get(DataSource).query(`SELECT pdf FROM report_pdfs WHERE report_id = $1`, [asked.body.id]))[0].pdf as Buffer;
    const read = readPdf(pdf, 'hostile');
    expect(hits).toEqual([]);
    expect(read.text).not.toMatch(/root:x?:0:0/);
    // The markup is there as text a person can read, not as markup.
    expect(read.text).toContain('注意 <img src="http://127.0.0.1');
    expect(read.text).toContain('<script>fetch(');
    expect(read.text).toContain('file:///etc/passwd');
  }, 120_000);
});
