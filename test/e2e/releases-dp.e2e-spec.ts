import { DataSource } from 'typeorm';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { FOLDED_CLASSIFICATION } from '@hokenshitsu/digests';
import { cellKey } from '@hokenshitsu/disclosure';
import { login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';
import { seedConsultations } from '../support/consultation-seed.js';

interface Cell { population: string; industry: string; size_class: string; dimension: string; category: string; count: number | null }

const key = (c: Cell) => cellKey({ ...c, sizeClass: c.size_class });

/** The optional differential-privacy mode, end to end: noisy, reproducible, budgeted, never mixed. */
describe('releases in differential-privacy mode', () => {
  let t: TestApp;
  let staff: { cookie: string; id: string };
  let manager: string;
  const DP = { mode: 'differential_privacy', epsilon: 1 };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signedInAs(t, 'city_staff');
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    manager = await login(t, company.managerEmail);
    // This suite owns the fiscal year 2038.
    await seedConsultations(t.app.get(DataSource), { clients: 1500, periodStart: '2038-04-01', periodEnd: '2039-03-31', recordedBy: staff.id, seed: 38 });
  }, 120_000);
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send(body);
  const cellsOf = async (id: string): Promise<Cell[]> => (await t.http.get(`/api/v1/releases/${id}/cells`).set('Cookie', staff.cookie).expect(200)).body;

  it('refuses a bad mode or budget, naming the field', async () => {
    const period = { label: 'x', period_start: '2038-04-01', period_end: '2039-03-31' };
    for (const [policy, field] of [
      [{ mode: 'laplace' }, 'policy.mode'],
      [{ ...DP, epsilon: 0 }, 'policy.epsilon'],
      [{ ...DP, epsilon: 'lots' }, 'policy.epsilon'],
      [{ ...DP, max_themes: 0 }, 'policy.max_themes'],
    ] as const) {
      const res = await create({ ...period, policy }).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    // A noise setting without the noise mode would be ignored and shown back as if it applied.
    const misplaced = await create({ ...period, policy: { epsilon: 0.5 } }).expect(422);
    expect(JSON.stringify(misplaced.body)).toContain('policy.epsilon');
  });

  let yearId: string;
  it('publishes every cell with noise, none suppressed, and the same data gives the same figures', async () => {
    const res = await create({ label: 'FY2038 (DP)', period_start: '2038-04-01', period_end: '2039-03-31', policy: DP }).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      policy: { mode: 'differential_privacy', epsilon: 1, max_themes: 3, max_channels: 2 },
      audit: { passed: true, suppressedCells: 0, findings: [], privacy: { mechanism: 'discrete_laplace', epsilon: 1, sensitivity: 63, cumulativeEpsilon: 1 } },
      information_loss: { suppressedCells: 0 },
      protection_specification: { ja: expect.stringContaining('差分プライバシー'), en: expect.stringContaining('differential privacy') },
    });
    yearId = res.body.id;
    const cells = await cellsOf(yearId);
    expect(cells.length).toBe(res.body.audit.checkedCells);
    for (const c of cells) expect(Number.isInteger(c.count) && c.count! >= 0).toBe(true);

    // The figures are not the truth: most non-zero true counts come out different.
    // A new release is on the folded tables: the truth with the same sector margins.
    const truth = await t.app.get(ConsultationAggregatesService).aggregate(
      { start: '2038-04-01', end: '2039-03-31' },
      { caps: { themes: 3, channels: 2 }, sectors: FOLDED_CLASSIFICATION.industries },
    );
    expect(cells.filter((c) => c.industry === 'primary' || c.industry === 'secondary')).toEqual([]);
    expect(cells.some((c) => c.industry === 'primary_secondary')).toBe(true);
    const noisy = new Map(cells.map((c) => [key(c), c.count]));
    const changed = truth.filter((a) => noisy.get(cellKey(a)) !== a.count).length;
    expect(changed / truth.length).toBeGreaterThan(0.9);
    // Zeros are not published as exact zeros either (the list of cells is fixed, not the data's).
    const trueKeys = new Set(truth.map((a) => cellKey(a)));
    expect(cells.filter((c) => !trueKeys.has(key(c)) && c.count! > 0).length).toBeGreaterThan(0);

    const again = await create({ label: 'FY2038 (DP) again', period_start: '2038-04-01', period_end: '2039-03-31', policy: DP }).expect(201);
    const againCells = await cellsOf(again.body.id);
    expect(new Map(againCells.map((c) => [key(c), c.count]))).toEqual(noisy);
  }, 120_000);

  it('adds up the budget of overlapping published releases, and refuses to mix modes over the same months', async () => {
    await t.http.post(`/api/v1/releases/${yearId}/publish`).set('Cookie', staff.cookie).expect(200);
    const quarter = await create({ label: 'Q1 2038 (DP)', period_start: '2038-04-01', period_end: '2038-06-30', policy: { ...DP, epsilon: 0.5 } }).expect(201);
    expect(quarter.body.audit.privacy).toMatchObject({ epsilon: 0.5, cumulativeEpsilon: 1.5, composedWith: [yearId] });
    expect(quarter.body.audit.releasesCompared).toEqual([yearId]);

    const exact = await create({ label: 'Q1 2038', period_start: '2038-04-01', period_end: '2038-06-30' }).expect(422);
    expect(JSON.stringify(exact.body)).toContain('policy.mode');
    // A period clear of it is fine.
    await create({ label: 'FY2039 Q1', period_start: '2039-04-01', period_end: '2039-06-30' }).expect(201);
  }, 120_000);

  it('gives a manager a digest only from scopes whose noisy total dwarfs the noise', async () => {
    const res = await t.http.get(`/api/v1/releases/${yearId}/digest?industry=E&size_class=20-99`).set('Cookie', manager).expect(200);
    // sd of the noise at epsilon 1 is about 89: only wide scopes are big enough
    expect(res.body.clients).toBeGreaterThanOrEqual(4 * 89);
    expect(['size', 'all']).toContain(res.body.scope.level);
    expect(res.body.top_themes.length).toBeGreaterThan(0);
  });
});
