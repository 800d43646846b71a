import { DataSource } from 'typeorm';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { FOLDED_CLASSIFICATION } from '@hokenshitsu/digests';
import { cellKey } from '@hokenshitsu/disclosure';
import { consultationCsv, consultationRows } from '../support/consultations-csv.js';
import { additiveRelations, intervalAttack, key, type PublicCell } from '../support/interval-attack.js';
import { login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const K = 5;
// The generator writes FY2025; this suite moves its rows to FY2040 so no other suite's data mixes in.
const shift = (row: Record<string, string>) => ({ ...row, held_on: row.held_on!.replace(/^2025/, '2040').replace(/^2026/, '2041'), client_ref: `ATK-${row.client_ref}` });
const PERIODS = [
  ['FY2040 Q1', '2040-04-01', '2040-06-30'],
  ['FY2040 H1', '2040-04-01', '2040-09-30'],
  ['FY2040', '2040-04-01', '2041-03-31'],
] as const;

/**
 * The attack the issue describes, from outside: a year imported through the API, nested releases
 * published in order with the default policy, then everything published attacked together.
 */
describe('an attacker against published releases', () => {
  let t: TestApp;
  let manager: string;
  const released: { id: string; start: string; end: string; cells: PublicCell[] }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const staff = await signedInAs(t, 'city_staff');
    const csv = consultationCsv([...consultationRows(4500, { seed: 4040, clients: 1500 })].map(shift));
    const imported = await t.http.post('/api/v1/consultations/import').set('Cookie', staff.cookie).set('Content-Type', 'text/csv').send(csv);
    expect(imported.status).toBe(201);
    for (const [label, start, end] of PERIODS) {
      const draft = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label, period_start: start, period_end: end }).expect(201);
      const published = await t.http.post(`/api/v1/releases/${draft.body.id}/publish`).set('Cookie', staff.cookie);
      expect({ label, status: published.status, audit: draft.body.audit.findings }).toEqual({ label, status: 200, audit: [] });
      released.push({ id: draft.body.id, start, end, cells: [] });
    }
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    manager = await login(t, company.managerEmail);
    for (const r of released) r.cells = (await t.http.get(`/api/v1/releases/${r.id}/cells`).set('Cookie', manager).expect(200)).body;
  }, 600_000);
  afterAll(() => t.close());

  it('finds no published non-zero value under k', () => {
    for (const r of released) {
      const small = r.cells.filter((c) => c.count !== null && c.count > 0 && c.count < K);
      expect(small).toEqual([]);
    }
  });

  it('derives no suppressed cell by subtraction (a relation with exactly one hidden term)', () => {
    for (const r of released) {
      const hidden = new Set(r.cells.filter((c) => c.count === null).map(key));
      const leaks = additiveRelations(r.cells).filter((rel) => [rel.parent, ...rel.children].filter((k) => hidden.has(k)).length === 1);
      expect(leaks.slice(0, 3)).toEqual([]);
    }
  });

  it('narrows no suppressed cell below k by linear programming', async () => {
    for (const r of released) {
      const narrow = (await intervalAttack(r.cells, 40)).filter((a) => a.interval[1] - a.interval[0] < K - 1e-6);
      expect(narrow).toEqual([]);
    }
  }, 300_000);

  it('learns nothing by differencing nested releases: a cell published in both differs by 0 or ≥ k', () => {
    for (let i = 0; i < released.length; i++) {
      for (let j = i + 1; j < released.length; j++) {
        const later = new Map(released[j]!.cells.map((c) => [key(c), c.count]));
        const diffs = released[i]!.cells
          .filter((c) => c.count !== null && later.get(key(c)) !== null && later.get(key(c)) !== undefined)
          .map((c) => ({ cell: key(c), diff: Math.abs(later.get(key(c))! - c.count!) }))
          .filter((d) => d.diff > 0 && d.diff < K);
        expect(diffs.slice(0, 3)).toEqual([]);
      }
    }
  });

  it('publishes nothing that breaks the employer rule, and still says something useful', async () => {
    const aggregates = t.app.get(ConsultationAggregatesService);
    for (const r of released) {
      const truth = new Map((await aggregates.aggregate({ start: r.start, end: r.end }, { sectors: FOLDED_CLASSIFICATION.industries })).map((a) => [cellKey(a), a]));
      const published = r.cells.filter((c) => c.count !== null && c.count > 0 && c.population === 'employed');
      for (const c of published) {
        const a = truth.get(key(c))!;
        expect({ cell: key(c), ok: a.employers >= 3 && a.maxEmployerCount <= 0.6 * a.count }).toEqual({ cell: key(c), ok: true });
      }
      const city = r.cells.filter((c) => c.population === 'all' && (c.dimension === 'total' || c.dimension === 'theme'));
      expect(city.filter((c) => c.count === null).map(key)).toEqual([]);
      const big = r.cells.filter((c) => (truth.get(key(c))?.count ?? 0) >= 3 * K);
      const kept = big.filter((c) => c.count !== null).length / big.length;
      // Not every big cell can stay: the employer rule and differencing between nested releases hide
      // some (on JSIC's tables a tiny primary sector in 'all = primary + secondary + tertiary' also
      // forced a big partner: the folded tables publish more, see the README).
      expect(kept).toBeGreaterThan(0.7);
    }
  });

  it('sees the same cells whatever classification order (the grid is complete, on the folded tables)', () => {
    const expected = 23 * 5 * (1 + FOLDED_CLASSIFICATION.categories.theme.length + 6 + 5 + 5 + 5) + 37;
    for (const r of released) expect(r.cells).toHaveLength(expected);
  });
});
