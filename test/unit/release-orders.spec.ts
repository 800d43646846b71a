import fc from 'fast-check';
import { auditRelease } from '../../libs/disclosure/src/audit/auditor.js';
import { buildDisclosure } from '../../libs/disclosure/src/build-disclosure.js';
import { CLASSIFICATION, clientsInPeriod, FOLDED_CLASSIFICATION, generateYear } from '../../libs/disclosure/src/disclosure.fixtures.js';
import { aggregateClients } from '../../libs/disclosure/src/grid/aggregate-clients.js';
import { DEFAULT_POLICY } from '../../libs/disclosure/src/policy.js';
import type { DisclosedCell, PublishedRelease } from '../../libs/disclosure/src/types.js';
import { intervalAttack, key, type PublicCell } from '../support/interval-attack.js';

// Releases published in any order, nested or overlapping: whatever the order, each release passes
// its own audit against every earlier one, the auditor run afresh agrees, the outside attack from
// test/support pins no hidden value below k, and no cell published in two nested releases differs
// by 1..k-1. Small years (the engine's cost grows with the clients), few runs, a fixed seed: the
// run is the same on every machine; fast-check prints the seed and the order of a failure.

const K = DEFAULT_POLICY.k;
const FY = 2025;

/** The city's standard periods, and any run of whole months inside the fiscal year. */
const STANDARD: [string, string][] = [
  ['2025-04-01', '2025-06-30'],
  ['2025-07-01', '2025-09-30'],
  ['2025-10-01', '2025-12-31'],
  ['2026-01-01', '2026-03-31'],
  ['2025-04-01', '2025-09-30'],
  ['2025-10-01', '2026-03-31'],
  ['2025-04-01', '2026-03-31'],
];

function monthRun(first: number, length: number): [string, string] {
  const month = (n: number) => ({ year: FY + Math.floor((n + 3) / 12), month: ((n + 3) % 12) + 1 });
  const a = month(first);
  const b = month(Math.min(11, first + length - 1));
  const lastDay = new Date(Date.UTC(b.year, b.month, 0)).getUTCDate();
  const pad = (x: number) => String(x).padStart(2, '0');
  return [`${a.year}-${pad(a.month)}-01`, `${b.year}-${pad(b.month)}-${pad(lastDay)}`];
}

const period = fc.oneof(
  fc.constantFrom(...STANDARD),
  fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 8 })).map(([first, length]) => monthRun(first, length)),
);

const toPublic = (cells: DisclosedCell[]): PublicCell[] =>
  cells.map((c) => ({ population: c.population, industry: c.industry, size_class: c.sizeClass, dimension: c.dimension, category: c.category, count: c.count }));

const nests = (a: PublishedRelease, b: PublishedRelease) =>
  (a.periodStart <= b.periodStart && b.periodEnd <= a.periodEnd) || (b.periodStart <= a.periodStart && a.periodEnd <= b.periodEnd);

describe('releases in any order of nested and overlapping periods', () => {
  it('each passes its audit, the auditor afresh and the outside attack; nested ones never differ by 1..k-1', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(period, { minLength: 2, maxLength: 3, selector: ([s, e]) => `${s}/${e}` }),
        fc.constantFrom('folded', 'jsic'),
        fc.integer({ min: 1, max: 1_000 }),
        async (periods, tables, seed) => {
          const classification = tables === 'folded' ? FOLDED_CLASSIFICATION : CLASSIFICATION;
          const year = generateYear(seed, { clients: 240 });
          const priors: PublishedRelease[] = [];
          for (const [periodStart, periodEnd] of periods) {
            const aggregates = aggregateClients(clientsInPeriod(year, periodStart, periodEnd), classification);
            const input = { aggregates, policy: DEFAULT_POLICY, classification, periodStart, periodEnd, priorReleases: [...priors] };
            const result = await buildDisclosure(input);
            expect(result.audit.findings).toEqual([]);
            expect(result.audit.passed).toBe(true);
            const release: PublishedRelease = { id: `${periodStart}/${periodEnd}`, periodStart, periodEnd, cells: result.cells };
            const again = await auditRelease({ release, truth: aggregates, policy: DEFAULT_POLICY, classification, priorReleases: [...priors] });
            expect(again.passed).toBe(true);

            const narrow = (await intervalAttack(toPublic(result.cells), 25)).filter((a) => a.interval[1] - a.interval[0] < K - 1e-6);
            expect(narrow).toEqual([]);
            const published = new Map(result.cells.map((c) => [key(toPublic([c])[0]!), c.count]));
            for (const earlier of priors.filter((p) => nests(p, release))) {
              const differing = earlier.cells.filter((c) => {
                const now = published.get(key(toPublic([c])[0]!));
                if (c.count === null || now === null || now === undefined) return false;
                const diff = Math.abs(now - c.count);
                return diff > 0 && diff < K;
              });
              expect(differing.map((c) => key(toPublic([c])[0]!))).toEqual([]);
            }
            priors.push(release);
          }
        },
      ),
      { numRuns: 5, seed: 12, endOnFailure: true },
    );
  }, 600_000);
});
