import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { reportJobIds } from '@hokenshitsu/reports';
import { login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';
import { holdAdviceLock, ownQueuePrefix, reportWorld, type ReportWorld } from '../support/reports.js';

/** The reports API without a worker: requests, deduplication, access and refusals (advice: report-advice.e2e-spec.ts). This suite owns FY2050. */
describe('reports API', () => {
  let t: TestApp;
  let w: ReportWorld;
  let redis: Redis;
  let release: () => Promise<void>;
  const body = (over: Record<string, unknown> = {}) => ({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'ja', ...over });

  beforeAll(async () => {
    // "The same request is the same report" holds while the advice version stands still.
    release = await holdAdviceLock('shared');
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix(), REPORT_PRERENDER_ON_PUBLISH: 'true' });
    w = await reportWorld(t, 2050);
    redis = new Redis(t.config.redisUrl);
  }, 120_000);
  afterAll(async () => {
    redis.disconnect();
    await t.close();
    await release();
  });

  const jobsOf = async (id: string) => redis.exists(`${t.config.queuePrefix}:reports:${id}`);

  it('answers 202 {id, status} and the same report for the same request', async () => {
    const first = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body({ industry: 'M', size_class: '1-19' })).expect(202);
    expect(Object.keys(first.body).sort()).toEqual(['id', 'status']);
    expect(first.body.status).toBe('queued');
    const again = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body({ industry: 'M', size_class: '1-19' })).expect(202);
    expect(again.body.id).toBe(first.body.id);
    const status = await t.http.get(`/api/v1/reports/${first.body.id}`).set('Cookie', w.manager).expect(200);
    expect(status.body).toEqual({ id: first.body.id, status: 'queued', progress: 0, bytes: null, sha256: null });
    // Not rendered yet: the PDF is refused by its state, not missing.
    const pdf = await t.http.get(`/api/v1/reports/${first.body.id}/pdf`).set('Cookie', w.manager).expect(409);
    expect(pdf.body.message).toMatch(/report is queued/);
  });

  it('makes one job and one row of 100 concurrent identical requests', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body({ industry: 'P', size_class: '100-299', locale: 'en' }))));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(202));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const rows = await t.app.get(DataSource).query(`SELECT template_version, advice_version FROM reports WHERE release_id = $1 AND industry = 'P' AND size_class = '100-299' AND locale = 'en'`, [w.releaseId]);
    expect(rows).toHaveLength(1);
    const jobId = reportJobIds.render({ releaseId: w.releaseId, industry: 'P', sizeClass: '100-299', locale: 'en', templateVersion: rows[0].template_version, adviceVersion: rows[0].advice_version });
    expect(await jobsOf(jobId)).toBe(1);
    const waiting = await redis.lrange(`${t.config.queuePrefix}:reports:wait`, 0, -1);
    const prioritized = await redis.zrange(`${t.config.queuePrefix}:reports:prioritized`, 0, -1);
    expect([...waiting, ...prioritized].filter((id) => id === jobId)).toHaveLength(1);
  });

  it('queued every publishable scope in both languages as one flow when the release was published', async () => {
    const batch = await t.http.get(`/api/v1/reports/batches/${w.releaseId}`).set('Cookie', w.staff.cookie).expect(200);
    // 20 divisions × 4 size classes, each with a digest from some scope, in ja and en.
    expect(batch.body.total).toBe(160);
    expect(batch.body.releaseId).toBe(w.releaseId);
    const parents = await redis.keys(`${t.config.queuePrefix}:reports:report-batch.${w.releaseId}*`);
    expect(parents.filter((k) => /report-batch\.[^:]+$/.test(k))).toHaveLength(1);
    // Managers do not follow batches.
    await t.http.get(`/api/v1/reports/batches/${w.releaseId}`).set('Cookie', w.manager).expect(403);
  });

  it('refuses bad requests by their field, never 500', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [body({ locale: 'fr' }), 400, /locale must be ja or en/],
      [body({ industry: 'ZZ' }), 400, /industry/],
      [body({ size_class: '7' }), 400, /size_class/],
      [body({ release_id: 'not-a-uuid' }), 400, /release_id/],
      [body({ release_id: '00000000-0000-4000-8000-000000000000' }), 404, /release not found/],
      [body({ extra: 1 }), 400, /extra/],
      [{ industry: 'E' }, 400, /release_id/],
    ];
    for (const [payload, status, message] of cases) {
      const res = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(payload);
      expect({ status: res.status, payload }).toEqual({ status, payload });
      expect(res.body.message).toMatch(message);
    }
    await t.http.post('/api/v1/reports').send(body()).expect(401);
    await t.http.get('/api/v1/reports/00000000-0000-4000-8000-000000000000').set('Cookie', w.manager).expect(404);
    await t.http.get('/api/v1/reports/nope').set('Cookie', w.manager).expect(404);
    await t.http.get('/api/v1/reports/nope/pdf').set('Cookie', w.manager).expect(404);
  });

  it('lets only staff ask for a report of a draft; to anyone else the draft and its reports do not exist', async () => {
    await t.http.post('/api/v1/reports').set('Cookie', w.manager).send(body({ release_id: w.draftId })).expect(404);
    const staff = await t.http.post('/api/v1/reports').set('Cookie', w.staff.cookie).send(body({ release_id: w.draftId })).expect(202);
    await t.http.get(`/api/v1/reports/${staff.body.id}`).set('Cookie', w.manager).expect(404);
    await t.http.get(`/api/v1/reports/${staff.body.id}`).set('Cookie', w.staff.cookie).expect(200);
  });

  it('lets a counsellor read published reports, and refuses a manager whose company is not verified yet (403)', async () => {
    const counsellor = await signedInAs(t, 'counsellor');
    await t.http.post('/api/v1/reports').set('Cookie', counsellor.cookie).send(body()).expect(202);
    const pending = await registeredCompany(t);
    const cookie = await login(t, pending.managerEmail);
    const res = await t.http.post('/api/v1/reports').set('Cookie', cookie).send(body()).expect(403);
    expect(res.body.message).toMatch(/verified/);
  });

  it('lists the reports she asked for, newest first', async () => {
    const res = await t.http.get('/api/v1/reports').set('Cookie', w.manager).expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(2);
    for (const r of res.body) expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['bytes', 'id', 'progress', 'sha256', 'status']));
  });
});
