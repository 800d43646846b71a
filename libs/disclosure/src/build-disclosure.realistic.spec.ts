import { buildDisclosure } from './build-disclosure.js';
import { CLASSIFICATION, clientsInPeriod, FOLDED_CLASSIFICATION, generateYear } from './disclosure.fixtures.js';
import { aggregateClients } from './grid/aggregate-clients.js';
import { cellKey } from './grid/cell-grid.js';
import { DEFAULT_POLICY } from './policy.js';
import type { CellAggregate, Classification, DisclosedCell, PublishedRelease } from './types.js';

// The real code lists and a year shaped like the city's, on the tables the portal publishes (the
// folded sectors, see grid/table-design.ts). Timings are printed, not asserted: the machine running
// the suite decides them. bench:releases runs the city's whole quarterly year on three sizes.

/** The release of the given clients for one period, with the default policy. */
function release(aggregates: CellAggregate[], periodStart: string, periodEnd: string, priorReleases: PublishedRelease[] = [], classification: Classification = FOLDED_CLASSIFICATION) {
  return buildDisclosure({ aggregates, policy: DEFAULT_POLICY, classification, periodStart, periodEnd, priorReleases });
}

/**
 * Publishes the periods in order, each on the earlier ones; checks the audit and the city-wide
 * figures of each and prints what each keeps. Returns the share of cells of 3k or more kept, by id.
 */
async function publishInOrder(year: ReturnType<typeof generateYear>, periods: [string, string, string][]): Promise<Record<string, number>> {
  const priors: PublishedRelease[] = [];
  const kept: Record<string, number> = {};
  for (const [id, start, end] of periods) {
    const aggregates = aggregateClients(clientsInPeriod(year, start, end), FOLDED_CLASSIFICATION);
    const t0 = performance.now();
    const result = await release(aggregates, start, end, priors);
    const ms = performance.now() - t0;
    expect(result.audit.findings).toEqual([]);
    expect(result.audit.passed).toBe(true);
    expect(result.audit.releasesCompared).toEqual(priors.map((p) => p.id));
    const published = new Map(result.cells.map((c) => [cellKey(c), c.count]));
    expect(published.get('all|*|*|total|*')).toBeGreaterThan(0);
    for (const theme of FOLDED_CLASSIFICATION.categories.theme) expect(published.get(`all|*|*|theme|${theme}`)).not.toBeNull();
    kept[id] = bigCellsPublished(aggregates, result.cells);
    console.log(
      `${id}: ${aggregates.find((a) => cellKey(a) === 'all|*|*|total|*')!.count} clients, built and audited in ${ms.toFixed(0)} ms, ` +
        `${result.informationLoss.suppressedCells} of ${result.informationLoss.totalCells} cells suppressed ` +
        `(${(100 * result.informationLoss.clientShare).toFixed(1)}% of counts), ${(100 * kept[id]!).toFixed(1)}% of cells >= 3k published, ` +
        `${result.audit.lpSolves} LP solves`,
    );
    priors.push({ id, periodStart: start, periodEnd: end, cells: result.cells });
  }
  return kept;
}

/** Share of the cells counting at least 3k clients that the release publishes. */
function bigCellsPublished(aggregates: CellAggregate[], cells: DisclosedCell[]): number {
  const published = new Map(cells.map((c) => [cellKey(c), c.count]));
  const big = aggregates.filter((a) => a.count >= 3 * DEFAULT_POLICY.k);
  return big.filter((a) => published.get(cellKey(a)) !== null).length / big.length;
}

describe('buildDisclosure on realistic data', () => {
  it('publishes a quarter, a half year and the fiscal year starting on the same day (Q1, H1, FY), each passing its audit against the earlier ones', async () => {
    const kept = await publishInOrder(generateYear(2025, { clients: 1500 }), [
      ['2025-q1', '2025-04-01', '2025-06-30'],
      ['2025-h1', '2025-04-01', '2025-09-30'],
      ['2025-fy', '2025-04-01', '2026-03-31'],
    ]);
    // Measured: 84.5 / 86.2 / 92.5 % (83 / 81 / 86 % on JSIC's sector margins).
    expect(kept['2025-q1']).toBeGreaterThan(0.83);
    expect(kept['2025-h1']).toBeGreaterThan(0.85);
    expect(kept['2025-fy']).toBeGreaterThan(0.9);
  });

  it('publishes the second quarter, then the half year ending on the same day, then the fiscal year (Q2, H1, FY)', async () => {
    // The half year is bounded below by the quarter cell by cell: hidden cells can only be certified
    // by moving them one way (an earlier version failed the half year's audit here).
    const kept = await publishInOrder(generateYear(2025, { clients: 1500 }), [
      ['2025-q2', '2025-07-01', '2025-09-30'],
      ['2025-h1', '2025-04-01', '2025-09-30'],
      ['2025-fy', '2025-04-01', '2026-03-31'],
    ]);
    // Measured: 86.3 / 69.8 / 94.0 %.
    expect(kept['2025-q2']).toBeGreaterThan(0.8);
    expect(kept['2025-h1']).toBeGreaterThan(0.65);
    expect(kept['2025-fy']).toBeGreaterThan(0.8);
  }, 600_000);

  it('publishes the last quarter, then the half year and the fiscal year all ending on 31 March (Q4, H2, FY)', async () => {
    // Every cell of a longer release ending the same day is at least the shorter one's: the longer
    // one starts from the shorter one's pattern (earlier-release-suppression.ts), which is what it
    // loses; README "Known limits" gives the figures against their bounds.
    const kept = await publishInOrder(generateYear(2025, { clients: 1500 }), [
      ['2025-q4', '2026-01-01', '2026-03-31'],
      ['2025-h2', '2025-10-01', '2026-03-31'],
      ['2025-fy', '2025-04-01', '2026-03-31'],
    ]);
    // Measured: 83.8 / 69.9 / 52.6 %.
    expect(kept['2025-q4']).toBeGreaterThan(0.8);
    expect(kept['2025-h2']).toBeGreaterThan(0.65);
    expect(kept['2025-fy']).toBeGreaterThan(0.5);
  }, 600_000);

  it('keeps more of the fiscal year on the folded tables than on JSIC sector margins (the table design)', async () => {
    const clients = clientsInPeriod(generateYear(2025, { clients: 1500 }), '2025-04-01', '2026-03-31');
    const share = async (classification: Classification) => {
      const aggregates = aggregateClients(clients, classification);
      const result = await release(aggregates, '2025-04-01', '2026-03-31', [], classification);
      expect(result.audit.passed).toBe(true);
      return bigCellsPublished(aggregates, result.cells);
    };
    const [jsic, folded] = [await share(CLASSIFICATION), await share(FOLDED_CLASSIFICATION)];
    console.log(`fiscal year alone: ${(100 * jsic).toFixed(1)}% of cells >= 3k published on JSIC's sector margins, ${(100 * folded).toFixed(1)}% folded`);
    // Measured: 88.3 % and 94.0 %.
    expect(folded).toBeGreaterThan(jsic + 0.03);
  });

  it('keeps nearly every big cell when no sector is tiny (industries evenly spread)', async () => {
    // The loss above comes mostly from the primary sector's handful of clients, whose hidden cells
    // need big partners in `* = primary + secondary + tertiary`; without such a sector little is lost.
    const year = generateYear(2025, { clients: 1500, industryWeights: Array(20).fill(1) });
    const aggregates = aggregateClients(clientsInPeriod(year, '2025-04-01', '2026-03-31'), CLASSIFICATION);
    const result = await release(aggregates, '2025-04-01', '2026-03-31', [], CLASSIFICATION);
    expect(result.audit.passed).toBe(true);
    const kept = bigCellsPublished(aggregates, result.cells);
    console.log(`evenly spread industries: ${(100 * kept).toFixed(1)}% of cells >= 3k published`);
    expect(kept).toBeGreaterThan(0.93);
  });

  it('builds the release for 200,000 clients (timing printed)', async () => {
    const clients = clientsInPeriod(generateYear(11, { clients: 200_000 }), '2025-04-01', '2026-03-31');
    const t0 = performance.now();
    const aggregates = aggregateClients(clients, FOLDED_CLASSIFICATION);
    const t1 = performance.now();
    const result = await release(aggregates, '2025-04-01', '2026-03-31');
    const t2 = performance.now();
    expect(result.audit.passed).toBe(true);
    console.log(
      `200,000 clients: reference aggregation ${(t1 - t0).toFixed(0)} ms, engine + audit ${(t2 - t1).toFixed(0)} ms, ` +
        `${result.informationLoss.suppressedCells} cells suppressed, ${result.audit.lpSolves} LP solves`,
    );
  });
});
