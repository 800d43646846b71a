import fc from 'fast-check';
import { CLASSIFICATION, client, clientsInPeriod, generateYear } from '../disclosure.fixtures.js';
import { aggregateClients } from '../grid/aggregate-clients.js';
import { cellKey } from '../grid/cell-grid.js';
import { assertValidPolicy, type DisclosurePolicy, InvalidDisclosurePolicyError, resolvePolicy } from '../policy.js';
import type { CellAggregate, ClientRecord } from '../types.js';
import { capContributions } from './contribution-cap.js';
import { buildNoisyDisclosure, dpSensitivity } from './noisy-disclosure.js';

const POLICY: DisclosurePolicy = resolvePolicy({ mode: 'differential_privacy' });
const KEY = Buffer.alloc(32, 1);
const PERIOD = { periodStart: '2025-04-01', periodEnd: '2026-03-31' };

function aggregate(clients: ClientRecord[], policy = POLICY): CellAggregate[] {
  return aggregateClients(clients.map((c) => capContributions(c, CLASSIFICATION, policy)), CLASSIFICATION);
}

function build(aggregates: CellAggregate[], policy = POLICY, key = KEY, overlapping: { id: string; epsilon: number }[] = []) {
  return buildNoisyDisclosure({ aggregates, policy, classification: CLASSIFICATION, ...PERIOD, noiseKey: key, overlapping });
}

function l1(a: CellAggregate[], b: CellAggregate[]): number {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(cellKey(x), x.count);
  for (const x of b) counts.set(cellKey(x), (counts.get(cellKey(x)) ?? 0) - x.count);
  return [...counts.values()].reduce((s, d) => s + Math.abs(d), 0);
}

describe('differential-privacy mode', () => {
  const year = clientsInPeriod(generateYear(3, { clients: 1500 }), PERIOD.periodStart, PERIOD.periodEnd);

  it('defaults: epsilon 1, three themes and two channels per client, sensitivity 7 scopes x 9', () => {
    expect(POLICY).toMatchObject({ mode: 'differential_privacy', epsilon: 1, max_themes: 3, max_channels: 2, k: 5 });
    expect(dpSensitivity(CLASSIFICATION, POLICY)).toBe(63);
  });

  it('one client more or less moves the capped tables by at most the sensitivity (L1)', () => {
    const anyClient = fc.record({
      themes: fc.subarray(CLASSIFICATION.categories.theme, { minLength: 1 }),
      channels: fc.subarray(CLASSIFICATION.categories.channel, { minLength: 1 }),
      employed: fc.boolean(),
      industry: fc.constantFrom(...CLASSIFICATION.industries.map((i) => i.code)),
    });
    fc.assert(
      fc.property(anyClient, fc.integer({ min: 0, max: 200 }), (c, at) => {
        const extra = client({
          themes: c.themes,
          channels: c.channels,
          industry: c.industry,
          employed: c.employed,
          employmentType: c.employed ? 'regular' : 'not_working',
          sizeClass: c.employed ? '20-99' : null,
          tenureBand: c.employed ? '1-3' : 'na',
        });
        const base = year.slice(0, 200);
        const withHer = [...base.slice(0, at), extra, ...base.slice(at)];
        expect(l1(aggregate(base), aggregate(withHer))).toBeLessThanOrEqual(dpSensitivity(CLASSIFICATION, POLICY));
      }),
      { numRuns: 60 },
    );
  });

  it('publishes every cell of the fixed grid, zeros included, as a whole number >= 0, never null', () => {
    const result = build(aggregate(year));
    expect(result.cells).toHaveLength(result.audit.checkedCells);
    for (const cell of result.cells) {
      expect(Number.isInteger(cell.count)).toBe(true);
      expect(cell.count!).toBeGreaterThanOrEqual(0);
    }
    expect(result.informationLoss.suppressedCells).toBe(0);
    expect(result.audit.privacy).toMatchObject({ mechanism: 'discrete_laplace', epsilon: 1, sensitivity: 63, scale: 63, cumulativeEpsilon: 1 });
  });

  it('the same data and key give the same table; another key or one more client draws fresh noise', () => {
    const aggregates = aggregate(year);
    const first = build(aggregates).cells.map((c) => c.count);
    expect(build(aggregates).cells.map((c) => c.count)).toEqual(first);
    const otherKey = build(aggregates, POLICY, Buffer.alloc(32, 2)).cells.map((c) => c.count);
    const grown = build(aggregate([...year, client({ industry: 'P' })])).cells.map((c) => c.count);
    // Noise redrawn: a late import cannot be read off as the difference of two builds.
    for (const other of [otherKey, grown]) {
      const same = other.filter((x, i) => x === first[i]).length;
      expect(same / first.length).toBeLessThan(0.5);
    }
  });

  it('noise has the spread the account states', () => {
    const policy = resolvePolicy({ mode: 'differential_privacy', epsilon: 20 });
    const aggregates = aggregate(year, policy);
    const result = build(aggregates, policy);
    const truth = new Map(aggregates.map((a) => [cellKey(a), a.count]));
    // cells far from zero, where clamping never bites
    const errors = result.cells.filter((c) => (truth.get(cellKey(c)) ?? 0) >= 30).map((c) => c.count! - truth.get(cellKey(c))!);
    expect(errors.length).toBeGreaterThan(200);
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const sd = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / errors.length);
    const stated = result.audit.privacy!.noiseSd;
    expect(sd / stated).toBeGreaterThan(0.75);
    expect(sd / stated).toBeLessThan(1.25);
    expect(Math.abs(mean)).toBeLessThan(stated / 2);
  });

  it('adds up the budget of overlapping releases', () => {
    const result = build(aggregate(year), POLICY, KEY, [
      { id: 'q1', epsilon: 0.5 },
      { id: 'h1', epsilon: 1 },
    ]);
    expect(result.audit.privacy).toMatchObject({ cumulativeEpsilon: 2.5, composedWith: ['q1', 'h1'] });
    expect(result.audit.releasesCompared).toEqual(['q1', 'h1']);
  });

  it('refuses a policy without a usable epsilon or caps, naming the field', () => {
    for (const [field, choice] of [
      ['epsilon', { epsilon: 0 }],
      ['epsilon', { epsilon: -1 }],
      ['max_themes', { max_themes: 0 }],
      ['max_channels', { max_channels: 1.5 }],
    ] as const) {
      const policy = resolvePolicy({ mode: 'differential_privacy', ...choice });
      expect(() => assertValidPolicy(policy)).toThrow(InvalidDisclosurePolicyError);
      try {
        assertValidPolicy(policy);
      } catch (e) {
        expect((e as InvalidDisclosurePolicyError).field).toBe(field);
      }
    }
    expect(() => assertValidPolicy({ ...POLICY, mode: 'noise' as never })).toThrow(/mode/);
  });

  it('caps themes and channels to the first ones in code order', () => {
    const capped = capContributions(
      client({ themes: ['work_life_balance', 'startup', 'health', 'side_job'], channels: ['phone', 'in_person', 'online'] }),
      CLASSIFICATION,
      POLICY,
    );
    expect(capped.themes).toEqual(['startup', 'side_job', 'health']);
    expect(capped.channels).toEqual(['in_person', 'online']);
  });
});
