import { attackIntervals } from '../attack/lp-attack.js';
import { knownVector, priorStandaloneIntervals, protectionTargets } from '../attack/protection-targets.js';
import { buildDisclosure } from '../build-disclosure.js';
import { client as anyClient, CLASSIFICATION, clientsInPeriod, generateYear, SMALL_CLASSIFICATION } from '../disclosure.fixtures.js';
import { aggregateClients } from '../grid/aggregate-clients.js';
import { CellGrid, cellKey, truthFromAggregates } from '../grid/cell-grid.js';
import { FULL_KNOWLEDGE } from '../grid/constraints.js';
import { buildReleaseContext } from '../grid/release-context.js';
import { DEFAULT_POLICY } from '../policy.js';
import type { CellAggregate, ClientRecord, DisclosedCell, PublishedRelease } from '../types.js';
import { auditRelease } from './auditor.js';

const cls = SMALL_CLASSIFICATION;
const client = (o: Partial<ClientRecord> = {}) => anyClient({ sizeClass: '1-19', tenureBand: 'lt1', ...o });
const FY = { periodStart: '2025-04-01', periodEnd: '2026-03-31' };

/** Sixty employees of I and P, spread over many employers and every category: all publishable. */
function publishableCity(): ClientRecord[] {
  return Array.from({ length: 60 }, (_, i) =>
    client({
      industry: i % 2 ? 'I' : 'P',
      employerHmac: `firm-${i % 10}`,
      themes: [cls.categories.theme[i % 4]],
      channels: [cls.categories.channel[i % 2]],
      ageBand: cls.categories.age_band[i % 3],
      employmentType: i % 5 < 3 ? 'regular' : 'non_regular',
      tenureBand: i % 3 ? 'lt1' : '10+',
    }),
  );
}

async function released(clients: ClientRecord[], priorReleases: PublishedRelease[] = [], period = FY) {
  const truth = aggregateClients(clients, cls);
  const result = await buildDisclosure({ aggregates: truth, policy: DEFAULT_POLICY, classification: cls, ...period, priorReleases });
  return { truth, cells: result.cells, result };
}

function audit(cells: DisclosedCell[], truth: CellAggregate[], priorReleases: PublishedRelease[] = [], period = FY) {
  return auditRelease({ release: { id: 'candidate', ...period, cells }, truth, policy: DEFAULT_POLICY, classification: cls, priorReleases });
}

function tamper(cells: DisclosedCell[], key: string, count: number | null): DisclosedCell[] {
  return cells.map((c) => (cellKey(c) === key ? { ...c, count, reason: count === null ? 'secondary' : undefined } : c));
}

const truthOf = (truth: CellAggregate[], key: string) => truth.find((t) => cellKey(t) === key)?.count ?? 0;

describe('auditRelease', () => {
  it('passes what buildDisclosure publishes', async () => {
    const { truth, cells } = await released([...publishableCity(), client({ industry: 'E' }), client({ industry: 'E' })]);
    const report = await audit(cells, truth);
    expect(report).toMatchObject({ passed: true, findings: [], checkedCells: cells.length });
    expect(report.suppressedCells).toBeGreaterThan(0);
    expect(report.lpSolves).toBeGreaterThan(0);
    expect(report.minIntervalWidth).toBeGreaterThanOrEqual(DEFAULT_POLICY.k);
  });

  it('catches a published 3', async () => {
    const clients = [...publishableCity(), ...Array.from({ length: 3 }, (_, i) => client({ industry: 'E', employerHmac: `e${i}` }))];
    const { truth, cells } = await released(clients);
    const report = await audit(tamper(cells, 'employed|E|1-19|total|*', 3), truth);
    expect(report.passed).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'small_published', cell: expect.objectContaining({ industry: 'E', sizeClass: '1-19', dimension: 'total' }) }),
    );
  });

  it('catches a single suppressed cell that subtraction recovers, without printing its count', async () => {
    const { truth, cells } = await released(publishableCity());
    const key = 'employed|I|1-19|theme|harassment';
    const hidden = truthOf(truth, key);
    expect(hidden).toBeGreaterThanOrEqual(5);
    expect(cells.find((c) => cellKey(c) === key)!.count).toBe(hidden);
    const report = await audit(tamper(cells, key, null), truth);
    expect(report.passed).toBe(false);
    const finding = report.findings.find((f) => f.kind === 'narrow_interval' && cellKey(f.cell) === key)!;
    expect(finding.interval).toEqual([hidden, hidden]);
    expect(finding.detail).not.toMatch(new RegExp(`\\b${hidden}\\b`));
    expect(report.minIntervalWidth).toBe(0);
  });

  it('catches a published cell behind only two employers', async () => {
    const clients = [...publishableCity(), ...Array.from({ length: 8 }, (_, i) => client({ industry: 'M', sizeClass: '300+', employerHmac: i % 2 ? 'm1' : 'm2' }))];
    const { truth, cells } = await released(clients);
    const key = 'employed|M|300+|total|*';
    expect(cells.find((c) => cellKey(c) === key)).toMatchObject({ count: null, reason: 'min_employers' });
    const report = await audit(tamper(cells, key, 8), truth);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'employer_rule', cell: expect.objectContaining({ industry: 'M', sizeClass: '300+' }) }));
  });

  it('catches an attribute everyone in a small scope shares', async () => {
    const clients = [...publishableCity(), ...Array.from({ length: 7 }, (_, i) => client({ industry: 'D', employerHmac: `d${i}`, ageBand: i % 2 ? '20-29' : '30-39' }))];
    const { truth, cells } = await released(clients);
    const key = 'employed|D|1-19|employment_type|regular';
    expect(cells.find((c) => cellKey(c) === key)).toMatchObject({ count: null, reason: 'attribute' });
    const report = await audit(tamper(cells, key, 7), truth);
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'attribute', cell: expect.objectContaining({ industry: 'D', dimension: 'employment_type' }) }));
  });

  it('catches a differencing pair (10 then 12) between nested releases', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => client({ industry: 'I', employerHmac: `i${i % 5}` }));
    const q1Period = { periodStart: '2025-04-01', periodEnd: '2025-06-30' };
    const q1 = await released(ten, [], q1Period);
    expect(q1.cells.find((c) => cellKey(c) === 'all|*|*|total|*')!.count).toBe(10);
    const prior: PublishedRelease = { id: 'q1', ...q1Period, cells: q1.cells };
    const h1Period = { periodStart: '2025-04-01', periodEnd: '2025-09-30' };
    const twelve = [...ten, client({ industry: 'I', employerHmac: 'i1' }), client({ industry: 'I', employerHmac: 'i2' })];
    const h1 = await released(twelve, [prior], h1Period);
    expect(h1.cells.find((c) => cellKey(c) === 'all|*|*|total|*')).toMatchObject({ count: null, reason: 'differencing' });
    expect((await audit(h1.cells, h1.truth, [prior], h1Period)).passed).toBe(true);
    const report = await audit(tamper(h1.cells, 'all|*|*|total|*', 12), h1.truth, [prior], h1Period);
    expect(report.passed).toBe(false);
    expect(report.releasesCompared).toEqual(['q1']);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'differencing', otherReleaseId: 'q1', cell: expect.objectContaining({ population: 'all', dimension: 'total' }) }),
    );
  });

  it('catches a later release that narrows what an earlier one hid (same end: every cell at least the earlier one)', async () => {
    const clients = [...publishableCity(), ...Array.from({ length: 3 }, (_, i) => client({ industry: 'A', employerHmac: `a${i}` }))];
    const q4Period = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };
    const q4 = await released(clients, [], q4Period);
    const prior: PublishedRelease = { id: 'q4', ...q4Period, cells: q4.cells };
    const partners = q4.cells.filter((c) => c.count === null && truthOf(q4.truth, cellKey(c)) >= DEFAULT_POLICY.k);
    expect(partners.length).toBeGreaterThan(0);

    // The half year ending the same day, with nobody new: built properly, it passes.
    const h2Period = { periodStart: '2025-10-01', periodEnd: '2026-03-31' };
    const h2 = await released(clients, [prior], h2Period);
    expect(h2.result.audit.passed).toBe(true);
    expect((await audit(h2.cells, h2.truth, [prior], h2Period)).passed).toBe(true);
    // Publishing the earlier release's big hidden cells caps each at its true value from above.
    let leaky = h2.cells;
    for (const cell of partners) leaky = tamper(leaky, cellKey(cell), truthOf(h2.truth, cellKey(cell)));
    const report = await audit(leaky, h2.truth, [prior], h2Period);
    expect(report.passed).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'differencing', otherReleaseId: 'q4', detail: expect.stringContaining('suppressed in release q4') }),
    );
  });

  it('measures each earlier hidden value\'s own interval exactly up to k (what a new release may not take away)', async () => {
    // A realistic quarter: with a looser threshold most of these widths once read too small,
    // and a later release could narrow them unnoticed.
    const q4Period = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };
    const truth = aggregateClients(clientsInPeriod(generateYear(2025, { clients: 1500 }), q4Period.periodStart, q4Period.periodEnd), CLASSIFICATION);
    const q4 = await buildDisclosure({ aggregates: truth, policy: DEFAULT_POLICY, classification: CLASSIFICATION, ...q4Period, priorReleases: [] });
    const grid = new CellGrid(CLASSIFICATION);
    const ctx = buildReleaseContext(grid, FULL_KNOWLEDGE, { periodStart: '2025-10-01', periodEnd: '2026-03-31' }, [{ id: 'q4', ...q4Period, cells: q4.cells }]);
    const targets = protectionTargets(ctx, truthFromAggregates(grid, truth), new Float64Array(grid.size), DEFAULT_POLICY.k).filter((t) => t.kind === 'prior');
    expect(targets.length).toBeGreaterThan(100);
    const k = DEFAULT_POLICY.k;
    const measured = await priorStandaloneIntervals(ctx, targets, k);
    const known = knownVector(ctx, new Float64Array(grid.size));
    const exact = await attackIntervals({ numVars: ctx.numVars, known, system: ctx.priorSystem }, targets.map((t) => t.expr), { need: Infinity });
    const width = (iv: { lo: number; hi: number }) => Math.min(k, iv.hi - iv.lo);
    const wrong = targets.filter((_, j) => Math.abs(width(measured.intervals[j]) - width(exact.intervals[j])) > 1e-6);
    expect(wrong).toHaveLength(0);
  }, 120_000);

  it('ignores earlier releases whose period does not overlap, and the release itself', async () => {
    const { truth, cells } = await released(publishableCity());
    const other: PublishedRelease = { id: 'last-year', periodStart: '2024-04-01', periodEnd: '2025-03-31', cells };
    const self: PublishedRelease = { id: 'candidate', ...FY, cells };
    const report = await audit(cells, truth, [other, self]);
    expect(report.releasesCompared).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
