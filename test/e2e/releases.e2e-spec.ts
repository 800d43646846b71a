import { DataSource } from 'typeorm';
import { registeredCompany, login, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';
import { seedConsultations } from '../support/consultation-seed.js';

interface Cell { population: string; industry: string; size_class: string; dimension: string; category: string; count: number | null }

describe('releases: build, audit, publish, read', () => {
  let t: TestApp;
  let staff: { cookie: string; id: string };
  let manager: string;
  let counsellor: string;
  let draftId: string;
  let publishedId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signedInAs(t, 'city_staff');
    counsellor = (await signedInAs(t, 'counsellor')).cookie;
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    manager = await login(t, company.managerEmail);
    // This suite owns the year 2031 so other suites' data never falls in its periods.
    await seedConsultations(t.app.get(DataSource), { clients: 1500, periodStart: '2031-04-01', periodEnd: '2032-03-31', recordedBy: staff.id, seed: 7 });
  }, 120_000);
  afterAll(() => t.close());

  it('builds a draft with its audit and information loss (staff only)', async () => {
    await t.http.post('/api/v1/releases').set('Cookie', manager).send({ label: 'x', period_start: '2031-04-01', period_end: '2031-06-30' }).expect(403);
    await t.http.post('/api/v1/releases').set('Cookie', counsellor).send({ label: 'x', period_start: '2031-04-01', period_end: '2031-06-30' }).expect(403);
    const res = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: '2031 Q1', period_start: '2031-04-01', period_end: '2031-06-30' }).expect(201);
    expect(res.body).toMatchObject({
      label: '2031 Q1',
      period_start: '2031-04-01',
      period_end: '2031-06-30',
      status: 'draft',
      policy: { k: 5, min_employers: 3, max_employer_share: 0.6 },
      audit: { passed: true },
      information_loss: { totalCells: expect.any(Number), cellShare: expect.any(Number), clientShare: expect.any(Number) },
      protection_specification: { ja: expect.stringContaining('5人以上'), en: expect.stringContaining('at least 5') },
    });
    draftId = res.body.id;
  }, 120_000);

  it('hides drafts from managers and counsellors (404) and shows them to staff', async () => {
    await t.http.get(`/api/v1/releases/${draftId}`).set('Cookie', manager).expect(404);
    await t.http.get(`/api/v1/releases/${draftId}/cells`).set('Cookie', manager).expect(404);
    await t.http.get(`/api/v1/releases/${draftId}/digest?industry=E&size_class=20-99`).set('Cookie', counsellor).expect(404);
    const list = await t.http.get('/api/v1/releases').set('Cookie', manager).expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).not.toContain(draftId);
    const staffList = await t.http.get('/api/v1/releases').set('Cookie', staff.cookie).expect(200);
    expect(staffList.body.map((r: { id: string }) => r.id)).toContain(draftId);
  });

  it('publishes once; the cells obey the policy; a second publish is 409', async () => {
    const res = await t.http.post(`/api/v1/releases/${draftId}/publish`).set('Cookie', staff.cookie).expect(200);
    expect(res.body).toMatchObject({ status: 'published', published_at: expect.any(String) });
    publishedId = draftId;
    await t.http.post(`/api/v1/releases/${draftId}/publish`).set('Cookie', staff.cookie).expect(409);
    await t.http.post(`/api/v1/releases/${draftId}/publish`).set('Cookie', manager).expect(403);

    const cells: Cell[] = (await t.http.get(`/api/v1/releases/${publishedId}/cells`).set('Cookie', manager).expect(200)).body;
    // employed, on the folded tables: (20 divisions + 2 sectors + all) × (4 size classes + all) × 37
    // categories; city-wide: 37
    expect(cells.length).toBe(23 * 5 * 37 + 37);
    for (const c of cells) {
      expect(Object.keys(c).sort()).toEqual(['category', 'count', 'dimension', 'industry', 'population', 'size_class']);
      if (c.count !== null) expect(c.count === 0 || c.count >= 5).toBe(true);
    }
    const cityTotal = cells.find((c) => c.population === 'all' && c.dimension === 'total');
    expect(cityTotal?.count).toBeGreaterThan(100);
    expect(cells.some((c) => c.count === null)).toBe(true);
    expect(cells.some((c) => c.count === 0)).toBe(true);
  });

  it('serves a digest from the most specific publishable scope, defaulting to the manager\'s company', async () => {
    const res = await t.http.get(`/api/v1/releases/${publishedId}/digest`).set('Cookie', manager).expect(200);
    expect(res.body.requested).toEqual({ industry: 'E', size_class: '20-99' });
    expect(['division_size', 'division', 'sector_size', 'size', 'all']).toContain(res.body.scope.level);
    expect(res.body.clients).toBeGreaterThanOrEqual(5);
    for (const theme of res.body.top_themes) {
      expect(theme.count).toBeGreaterThanOrEqual(5);
      expect(theme.share).toBeCloseTo(theme.count / res.body.clients, 2);
    }
    const other = await t.http.get(`/api/v1/releases/${publishedId}/digest?industry=B&size_class=300%2B`).set('Cookie', manager).expect(200);
    expect(other.body.scope.level).not.toBe('division_size');
    await t.http.get(`/api/v1/releases/${publishedId}/digest?industry=Z&size_class=20-99`).set('Cookie', manager).expect(400);
    await t.http.get(`/api/v1/releases/${publishedId}/digest?industry=E&size_class=huge`).set('Cookie', manager).expect(400);
  });

  it('validates input: 400 naming the field, 422 for an inverted period, 404 for unknown ids', async () => {
    const bad = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: '', period_start: '2031-13-01', period_end: 'x', policy: { k: 1 } }).expect(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['label', 'period_start', 'period_end', 'policy.k']));
    const inverted = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: 'x', period_start: '2031-06-30', period_end: '2031-04-01' }).expect(422);
    expect(inverted.body.fields[0].field).toBe('period_end');
    await t.http.get('/api/v1/releases/00000000-0000-4000-8000-000000000000').set('Cookie', staff.cookie).expect(404);
    await t.http.post('/api/v1/releases/nope/publish').set('Cookie', staff.cookie).expect(404);
  });

  it('builds and publishes nested releases (half year, year) that all pass their audits', async () => {
    for (const [label, end] of [['2031 H1', '2031-09-30'], ['FY2031', '2032-03-31']]) {
      const res = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label, period_start: '2031-04-01', period_end: end }).expect(201);
      expect(res.body.audit.passed).toBe(true);
      expect(res.body.audit.releasesCompared.length).toBeGreaterThan(0);
      await t.http.post(`/api/v1/releases/${res.body.id}/publish`).set('Cookie', staff.cookie).expect(200);
    }
  }, 240_000);

  it('refuses to change a published release even in the database', async () => {
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE release_cells SET count = 1 WHERE release_id = $1`, [publishedId])).rejects.toThrow(/immutable/);
    await expect(db.query(`UPDATE releases SET label = 'x' WHERE id = $1`, [publishedId])).rejects.toThrow(/immutable/);
  });
});
