import { client, SMALL_CLASSIFICATION } from '../disclosure.fixtures.js';
import { aggregateClients } from '../grid/aggregate-clients.js';
import { CellGrid, cellKey, truthFromAggregates } from '../grid/cell-grid.js';
import { buildReleaseContext, knowledgeFromTruth } from '../grid/release-context.js';
import { DEFAULT_POLICY } from '../policy.js';
import type { PublishedRelease } from '../types.js';
import { ProtectionLp } from './protection-lp.js';
import { suppressionCosts } from './suppression-costs.js';

const cls = SMALL_CLASSIFICATION;
const k = DEFAULT_POLICY.k;

describe('ProtectionLp', () => {
  it('certifies a cell that an earlier release ending the same day bounds from below, by moving it up', async () => {
    // Everyone of the half year came in its last quarter, which was published in full: every cell
    // of the half year is at least the quarter's, so a hidden cell can only be shown to go up.
    const clients = Array.from({ length: 40 }, (_, i) =>
      client({ industry: i % 2 ? 'E' : 'I', sizeClass: '1-19', tenureBand: 'lt1', employerHmac: `emp-${i % 8}`, ageBand: i % 3 ? '30-39' : '20-29' }),
    );
    const grid = new CellGrid(cls);
    const truth = truthFromAggregates(grid, aggregateClients(clients, cls));
    const quarter: PublishedRelease = {
      id: 'q2',
      periodStart: '2025-07-01',
      periodEnd: '2025-09-30',
      cells: grid.refs.map((ref, i) => ({ ...ref, count: truth.count[i] })),
    };
    const ctx = buildReleaseContext(grid, knowledgeFromTruth(grid, truth), { periodStart: '2025-04-01', periodEnd: '2025-09-30' }, [quarter]);
    const cell = grid.indexOf({ population: 'employed', industry: 'E', sizeClass: '1-19', dimension: 'age_band', category: '30-39' })!;
    expect(truth.count[cell]).toBeGreaterThanOrEqual(k);

    const protection = await ProtectionLp.create(ctx, truth, suppressionCosts(ctx, truth, DEFAULT_POLICY), k, () => false);
    try {
      const certificate = protection.certify({ kind: 'cell', cell, amount: k });
      expect(certificate).toBeDefined();
      expect(certificate!.upper[cell] - certificate!.lower[cell]).toBeGreaterThanOrEqual(k - 1e-9);
      // both tables respect the quarter: no cell below its published value
      for (let i = 0; i < grid.size; i++) {
        expect(certificate!.lower[i]).toBeGreaterThanOrEqual(truth.count[i] - 1e-9);
        expect(certificate!.upper[i]).toBeGreaterThanOrEqual(truth.count[i] - 1e-9);
      }
      expect(cellKey(grid.refs[cell])).toBe('employed|E|1-19|age_band|30-39');
    } finally {
      protection.dispose();
    }
  });
});
