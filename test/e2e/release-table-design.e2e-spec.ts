import { DataSource } from 'typeorm';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { JSIC_CLASSIFICATION } from '@hokenshitsu/digests';
import { buildDisclosure, resolvePolicy } from '@hokenshitsu/disclosure';
import { seedConsultations } from '../support/consultation-seed.js';
import { companyRegistration, login, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

interface Cell { population: string; industry: string; size_class: string; dimension: string; category: string; count: number | null }

const sectorScopes = (cells: Cell[]) => [...new Set(cells.filter((c) => ['primary', 'secondary', 'tertiary', 'primary_secondary'].includes(c.industry)).map((c) => c.industry))].sort();

/**
 * The tables' design as the city sees it: new releases publish the folded sector margins
 * (第一次・第二次産業 and 第三次産業), a manager in agriculture falls back to the folded margin, a
 * fiscal year already begun on JSIC's tables keeps them, and a build that would mix both designs
 * over the same months is refused. This suite owns FY2043 and FY2045.
 */
describe('release table design (folded sectors)', () => {
  let t: TestApp;
  let db: DataSource;
  let staff: { cookie: string; id: string };
  let manager: string;
  let foldedQ1: string;

  const create = (body: Record<string, unknown>) => t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send(body);
  const publish = (id: string) => t.http.post(`/api/v1/releases/${id}/publish`).set('Cookie', staff.cookie);
  const cellsOf = async (id: string): Promise<Cell[]> => (await t.http.get(`/api/v1/releases/${id}/cells`).set('Cookie', staff.cookie).expect(200)).body;

  /**
   * A release published on JSIC's tables, as releases were before the fold: built by the engine on
   * the JSIC classification and stored as the service stores one (rows, cells, inputs).
   */
  async function publishedOnJsicTables(label: string, start: string, end: string): Promise<string> {
    const aggregates = await t.app.get(ConsultationAggregatesService).aggregate({ start, end }, { sectors: JSIC_CLASSIFICATION.industries });
    const policy = resolvePolicy({});
    const result = await buildDisclosure({ aggregates, policy, classification: JSIC_CLASSIFICATION, periodStart: start, periodEnd: end, priorReleases: [] });
    expect(result.audit.passed).toBe(true);
    const [{ id }] = await db.query(
      `INSERT INTO releases (label, period_start, period_end, status, policy, audit, information_loss, created_by, published_by, published_at)
       VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $7, now()) RETURNING id`,
      [label, start, end, JSON.stringify(policy), JSON.stringify(result.audit), JSON.stringify(result.informationLoss), staff.id],
    );
    const c = result.cells;
    await db.query(
      `INSERT INTO release_cells (release_id, population, industry, size_class, dimension, category, count, reason)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])`,
      [id, c.map((x) => x.population), c.map((x) => x.industry), c.map((x) => x.sizeClass), c.map((x) => x.dimension), c.map((x) => x.category), c.map((x) => x.count), c.map((x) => x.reason ?? null)],
    );
    await db.query(`INSERT INTO release_inputs (release_id, aggregates) VALUES ($1, $2::jsonb)`, [id, JSON.stringify(aggregates)]);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    staff = await signedInAs(t, 'city_staff');
    // A farm of 8 employees: division A (agriculture), size class 1-19.
    const farm = companyRegistration({ name: '株式会社テスト農園', industry: 'A', employees: 8 });
    const registered = await t.http.post('/api/v1/companies/register').send(farm).expect(201);
    await t.http.post(`/api/v1/companies/${registered.body.id}/verify`).set('Cookie', staff.cookie).expect(200);
    manager = await login(t, farm.manager_email);
    // FY2043: a city with a handful of agriculture clients (A's own cells are hidden) and the rest
    // spread over B–T; FY2045: the usual mix.
    const others = 'BCDEFGHIJKLMNOPQRST'.split('');
    await seedConsultations(db, { clients: 1000, periodStart: '2043-04-01', periodEnd: '2044-03-31', recordedBy: staff.id, seed: 43, industries: others });
    await seedConsultations(db, { clients: 3, periodStart: '2043-04-01', periodEnd: '2043-06-30', recordedBy: staff.id, seed: 143, industries: ['A'] });
    await seedConsultations(db, { clients: 800, periodStart: '2045-04-01', periodEnd: '2046-03-31', recordedBy: staff.id, seed: 45 });
  }, 120_000);
  afterAll(() => t.close());

  it('builds a new release on the folded tables: primary_secondary and tertiary, no primary or secondary', async () => {
    const res = await create({ label: 'FY2043 Q1', period_start: '2043-04-01', period_end: '2043-06-30' }).expect(201);
    expect(res.body.audit.passed).toBe(true);
    foldedQ1 = res.body.id;
    const cells = await cellsOf(foldedQ1);
    expect(sectorScopes(cells)).toEqual(['primary_secondary', 'tertiary']);
    // 20 divisions + 2 sectors + all industries, by 4 size classes and all sizes, 37 categories; city-wide 37.
    expect(cells).toHaveLength(23 * 5 * 37 + 37);
    const margin = cells.find((c) => c.population === 'employed' && c.industry === 'primary_secondary' && c.size_class === '*' && c.dimension === 'total');
    expect(margin?.count).toBeGreaterThan(20);
    await publish(foldedQ1).expect(200);
  }, 120_000);

  it('gives a manager in agriculture the 第一次・第二次産業 fallback, in the API and on her digest page', async () => {
    const api = await t.http.get(`/api/v1/releases/${foldedQ1}/digest`).set('Cookie', manager).expect(200);
    expect(api.body.requested).toEqual({ industry: 'A', size_class: '1-19' });
    expect(api.body.scope).toEqual({
      level: 'sector_size',
      industry: 'primary_secondary',
      size_class: '1-19',
      label_ja: '第一次・第二次産業・小規模（1〜19人）',
      label_en: 'Primary and secondary sectors, Small (1–19)',
    });
    expect(api.body.clients).toBeGreaterThanOrEqual(5);

    const page = await t.http.get(`/digests?release=${foldedQ1}`).set('Accept', 'text/html').set('Cookie', manager).expect(200);
    expect(page.text).toContain('<option value="A" selected>');
    expect(page.text).toContain('<h2 id="digest-heading">集計の区分：第一次・第二次産業・小規模（1〜19人）</h2>');
    expect(page.text).toContain(`相談者数：${api.body.clients}人`);
    const english = await t.http.get(`/digests?release=${foldedQ1}&lang=en`).set('Accept', 'text/html').set('Cookie', manager).expect(200);
    expect(english.text).toContain('Primary and secondary sectors, Small (1–19)');
  });

  it('refuses (409, period_start) a build over months published on both designs, naming the other release', async () => {
    // A quarter published on JSIC's tables beside the folded first quarter: a half year over both cannot be built.
    const jsicQ2 = await publishedOnJsicTables('FY2043 Q2 (JSIC)', '2043-07-01', '2043-09-30');
    const res = await create({ label: 'FY2043 H1', period_start: '2043-04-01', period_end: '2043-09-30' }).expect(409);
    expect(res.body.fields).toEqual([{ field: 'period_start', message: expect.stringContaining(foldedQ1) }]);
    expect(res.body.message).toContain(`release ${foldedQ1} (2043-04-01 to 2043-06-30)`);
    expect(res.body.message).toContain('folded sector tables');
    // The release it was weighed against is the JSIC quarter's neighbour, not the quarter itself.
    expect(res.body.message).not.toContain(jsicQ2);
  }, 120_000);

  it('keeps JSIC tables for a fiscal year already begun on them, in periods overlapping its releases or not', async () => {
    const jsicQ1 = await publishedOnJsicTables('FY2045 Q1 (JSIC)', '2045-04-01', '2045-06-30');
    const half = await create({ label: 'FY2045 H1', period_start: '2045-04-01', period_end: '2045-09-30' }).expect(201);
    expect(half.body.audit).toMatchObject({ passed: true, releasesCompared: [jsicQ1] });
    const cells = await cellsOf(half.body.id);
    expect(sectorScopes(cells)).toEqual(['primary', 'secondary', 'tertiary']);
    expect(cells).toHaveLength(24 * 5 * 37 + 37);
    await publish(half.body.id).expect(200);
    // The farm's manager on a JSIC release: her sector is JSIC's, never the folded one.
    const digest = await t.http.get(`/api/v1/releases/${half.body.id}/digest`).set('Cookie', manager).expect(200);
    expect(digest.body.scope.industry).not.toBe('primary_secondary');
    if (digest.body.scope.level === 'sector_size') expect(digest.body.scope.label_ja).toBe('第一次産業・小規模（1〜19人）');

    // A quarter clear of both still belongs to the fiscal year begun on JSIC's tables: it keeps them,
    // so that the fiscal-year release can later be built over all of them.
    const q3 = await create({ label: 'FY2045 Q3', period_start: '2045-10-01', period_end: '2045-12-31' }).expect(201);
    expect(sectorScopes(await cellsOf(q3.body.id))).toEqual(['primary', 'secondary', 'tertiary']);
  }, 120_000);
});
