import fc from 'fast-check';
import { auditWithContext } from '../audit/auditor.js';
import { buildDisclosure } from '../build-disclosure.js';
import { client, mulberry32, SMALL_CLASSIFICATION } from '../disclosure.fixtures.js';
import { aggregateClients } from '../grid/aggregate-clients.js';
import { CellGrid, truthFromAggregates } from '../grid/cell-grid.js';
import { buildReleaseContext, knowledgeFromTruth } from '../grid/release-context.js';
import { DEFAULT_POLICY } from '../policy.js';
import type { ClientRecord, SuppressionReason } from '../types.js';
import { patternProgram, satisfies, suppressMinimumPattern } from './minimum-pattern.js';
import { suppressPrimaryCells } from './primary-suppression.js';
import { patternCosts } from './suppression-costs.js';

const cls = SMALL_CLASSIFICATION;
const k = DEFAULT_POLICY.k;

function setting(clients: ClientRecord[]) {
  const grid = new CellGrid(cls);
  const truth = truthFromAggregates(grid, aggregateClients(clients, cls));
  const ctx = buildReleaseContext(grid, knowledgeFromTruth(grid, truth), { periodStart: '2025-04-01', periodEnd: '2026-03-31' }, []);
  return { grid, truth, ctx };
}

/** Many clients in every division and size class, a few in the primary division A. */
function skewedCity(seed: number, primary: number): ClientRecord[] {
  const rnd = mulberry32(seed);
  const out: ClientRecord[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  for (const industry of ['A', 'D', 'E', 'I', 'M', 'P']) {
    const n = industry === 'A' ? primary : 60;
    for (let i = 0; i < n; i++) {
      const sizeClass = pick(cls.sizeClasses);
      out.push(
        client({
          industry,
          sizeClass,
          employerHmac: `${industry}-${sizeClass}-${i % 7}`,
          themes: [pick(cls.categories.theme)],
          channels: [pick(cls.categories.channel)],
          ageBand: pick(cls.categories.age_band),
          tenureBand: pick(['lt1', '10+']),
        }),
      );
    }
  }
  return out;
}

describe('the minimum suppression pattern', () => {
  it('hides partners so that every relation hides none or enough, keeping what was hidden', async () => {
    const { grid, truth, ctx } = setting(skewedCity(3, 4));
    const reasons: (SuppressionReason | undefined)[] = suppressPrimaryCells(grid, truth, DEFAULT_POLICY);
    const before = reasons.map((r) => r !== undefined);
    const pattern = await suppressMinimumPattern(ctx, truth, DEFAULT_POLICY, reasons);
    expect(pattern.optimal).toBe(true);
    expect(pattern.added.length).toBeGreaterThan(0);
    for (const i of pattern.added) expect(reasons[i]).toBe('secondary');
    before.forEach((hidden, i) => hidden && expect(reasons[i]).toBeDefined());
    const program = patternProgram(grid, ctx.system, truth, k, patternCosts(grid, truth, DEFAULT_POLICY), (i) => reasons[i] !== undefined);
    const y = Array.from(program.column).flatMap((c, i) => (c >= 0 ? [reasons[i] !== undefined ? 1 : 0] : []));
    expect(satisfies(program, y)).toBe(true);
  });

  it('reports its optimum as a lower bound: the cost of what it hid', async () => {
    const { grid, truth, ctx } = setting(skewedCity(5, 4));
    const reasons: (SuppressionReason | undefined)[] = suppressPrimaryCells(grid, truth, DEFAULT_POLICY);
    const pattern = await suppressMinimumPattern(ctx, truth, DEFAULT_POLICY, reasons);
    const costs = patternCosts(grid, truth, DEFAULT_POLICY);
    expect(pattern.lowerBound).toBeCloseTo(pattern.added.reduce((s, i) => s + costs[i], 0), 6);
  });

  it('states only necessary conditions: a pattern breaking one fails the exact audit', async () => {
    // Safe patterns from the engine with one hidden partner put back: some still pass the audit,
    // some do not. Every one the program refuses must fail it (were a condition stronger than
    // needed, the program would refuse a safe pattern and hide cells for nothing).
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 6 }), async (seed, primary) => {
        const { grid, truth, ctx } = setting(skewedCity(seed, primary));
        const aggregates = aggregateClients(skewedCity(seed, primary), cls);
        const safe = await buildDisclosure({ aggregates, policy: DEFAULT_POLICY, classification: cls, periodStart: '2025-04-01', periodEnd: '2026-03-31', priorReleases: [] });
        expect(safe.audit.passed).toBe(true);
        const hidden = safe.cells.map((c) => c.count === null);
        const partners = safe.cells.flatMap((c, i) => (c.reason === 'secondary' ? [i] : []));
        const rnd = mulberry32(seed);
        for (let n = 0; n < 6 && partners.length > 0; n++) {
          const back = partners[Math.floor(rnd() * partners.length)];
          const chosen = hidden.map((h, i) => h && i !== back);
          // hidden zeros (beside an attribute cell) are partners too
          const program = patternProgram(grid, ctx.system, truth, k, patternCosts(grid, truth, DEFAULT_POLICY), (i) => chosen[i] && truth.count[i] === 0);
          const y = Array.from(program.column).flatMap((c, i) => (c >= 0 ? [chosen[i] ? 1 : 0] : []));
          if (satisfies(program, y)) continue;
          const published = Float64Array.from(truth.count, (x, i) => (chosen[i] ? NaN : x));
          const audit = await auditWithContext(ctx, truth, DEFAULT_POLICY, published);
          expect(audit.findings.some((f) => f.kind === 'narrow_interval')).toBe(true);
        }
      }),
      { numRuns: 8, seed: 4242 },
    );
  });
});
