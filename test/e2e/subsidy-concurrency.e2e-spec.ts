import { seedCompanies, seedSubmitted, SEEDED_REQUESTED_YEN } from '../bench/subsidy-seed.js';
import { act, db, ledger, subsidyWorld, type SubsidyWorld } from '../support/subsidies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * 200 approvals at once against a budget that fits 73 of them: the database, not luck, keeps the
 * ledger exact. Applications come from 20 companies (10 each, 750,000 yen at most per company,
 * under the 1,000,000 cap) so only the budget decides.
 */
const APPLICATIONS = 200;
const COMPANIES = 20;
const FITS = 73;
const BUDGET = FITS * SEEDED_REQUESTED_YEN + 50_000;

describe('subsidy approvals under concurrency', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await subsidyWorld(t, 2075, { program: { budget_yen: BUDGET, cap_per_company_yen: 1_000_000 } });
    const query = (sql: string, params: unknown[]) => db(t).query(sql, params);
    const owners = await seedCompanies(query, COMPANIES);
    ids = await seedSubmitted(query, w.program.id, w.fiscalYear, owners, APPLICATIONS / COMPANIES);
  });
  afterAll(() => t.close());

  it(`fires ${APPLICATIONS} approvals at once: exactly ${FITS} succeed, the rest 409 budget_exceeded, never a 500, the ledger exact`, async () => {
    expect(ids).toHaveLength(APPLICATIONS);
    const t0 = Date.now();
    const answers = await Promise.all(ids.map((id) => act(t, w.staff.cookie, id, 'approve', { amount_yen: SEEDED_REQUESTED_YEN })));
    const elapsed = Date.now() - t0;
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(Math.floor(BUDGET / SEEDED_REQUESTED_YEN));
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(APPLICATIONS - FITS);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ error: 'budget_exceeded', fields: [{ field: 'amount_yen' }] });
      expect(r.body.message).toMatch(/exceeds the available budget of [\d,]+ yen/);
    }
    const approvedIds = answers.filter((r) => r.status === 200).map((r) => r.body.id as string);
    for (const r of answers.filter((x) => x.status === 200)) expect(r.body).toMatchObject({ state: 'approved', approved_yen: SEEDED_REQUESTED_YEN });

    // the ledger: committed = Σ approved_yen of approved applications ≤ budget; available = budget − committed
    const l = await ledger(t, w);
    const [{ sum, n }] = await db(t).query(`SELECT COALESCE(SUM(approved_yen), 0)::bigint::text AS sum, count(*)::int AS n FROM subsidy_applications WHERE program_id = $1 AND state = 'approved'`, [w.program.id]);
    expect(n).toBe(FITS);
    expect(l.committed_yen).toBe(Number(sum));
    expect(l.committed_yen).toBe(FITS * SEEDED_REQUESTED_YEN);
    expect(l.committed_yen).toBeLessThanOrEqual(BUDGET);
    expect(l.available_yen).toBe(BUDGET - l.committed_yen);
    expect(l.available_yen).toBeLessThan(SEEDED_REQUESTED_YEN);

    // one decision notice per approval, numbered 1..N in the fiscal year without gaps or duplicates
    const notices: { application_id: string; seq: number; number: string; kind: string }[] = await db(t).query(`SELECT application_id, seq, number, kind FROM subsidy_notices WHERE fiscal_year = $1 ORDER BY seq`, [w.fiscalYear]);
    expect(notices.map((x) => x.seq)).toEqual(Array.from({ length: FITS }, (_, i) => i + 1));
    expect(notices.map((x) => x.number)).toEqual(Array.from({ length: FITS }, (_, i) => `旭女活第${i + 1}号`));
    expect(new Set(notices.map((x) => x.application_id))).toEqual(new Set(approvedIds));
    expect(notices.every((x) => x.kind === 'decision')).toBe(true);

    // one audit event per approval, none for a refusal
    const trail: { application_id: string; from_state: string; to_state: string }[] = await db(t).query(`SELECT application_id, from_state, to_state FROM subsidy_events WHERE program_id = $1 AND action = 'approve'`, [w.program.id]);
    expect(trail).toHaveLength(FITS);
    expect(new Set(trail.map((e) => e.application_id))).toEqual(new Set(approvedIds));
    expect(trail.every((e) => e.from_state === 'submitted' && e.to_state === 'approved')).toBe(true);
    const [{ left }] = await db(t).query(`SELECT count(*)::int AS left FROM subsidy_applications WHERE program_id = $1 AND state = 'submitted'`, [w.program.id]);
    expect(left).toBe(APPLICATIONS - FITS);
    // a few seconds, not a queue of timeouts
    expect(elapsed).toBeLessThan(30_000);
  });

  it('the budget can be used to the last yen, and not one yen further', async () => {
    const waiting: { id: string }[] = await db(t).query(`SELECT id FROM subsidy_applications WHERE program_id = $1 AND state = 'submitted' ORDER BY id LIMIT 3`, [w.program.id]);
    const { available_yen } = await ledger(t, w);
    expect(available_yen).toBe(50_000);
    // Three staff decisions at once for the remaining 50,000: one 50,000 (with a reason) and two of 1 yen; either the 50,000 or the 1s fit, never both.
    const answers = await Promise.all([
      act(t, w.staff.cookie, waiting[0]!.id, 'approve', { amount_yen: 50_000, reason: '予算残額の範囲で交付' }),
      act(t, w.staff.cookie, waiting[1]!.id, 'approve', { amount_yen: 1, reason: '一部' }),
      act(t, w.staff.cookie, waiting[2]!.id, 'approve', { amount_yen: 1, reason: '一部' }),
    ]);
    expect(answers.every((r) => r.status === 200 || (r.status === 409 && r.body.error === 'budget_exceeded'))).toBe(true);
    const after = await ledger(t, w);
    const granted = answers.filter((r) => r.status === 200).reduce((s, r) => s + (r.body.approved_yen as number), 0);
    expect(after.committed_yen).toBe(FITS * SEEDED_REQUESTED_YEN + granted);
    expect(after.committed_yen).toBeLessThanOrEqual(BUDGET);
    expect(after.available_yen).toBe(BUDGET - after.committed_yen);
    // one more yen when none is left is refused
    if (after.available_yen === 0) {
      const [{ id }] = await db(t).query(`SELECT id FROM subsidy_applications WHERE program_id = $1 AND state = 'submitted' LIMIT 1`, [w.program.id]);
      const res = await act(t, w.staff.cookie, id, 'approve', { amount_yen: 1, reason: '一部' }).expect(409);
      expect(res.body.message).toMatch(/available budget of 0 yen/);
    }
  });
});
