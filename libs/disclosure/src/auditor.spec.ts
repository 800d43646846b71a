import { aggregateClients } from './aggregate-clients.js';
import { auditRelease } from './auditor.js';
import { buildDisclosure } from './build-disclosure.js';
import { cellKey } from './cells.js';
import { client as anyClient, SMALL_CLASSIFICATION } from './disclosure.fixtures.js';
import { DEFAULT_POLICY } from './policy.js';
import type { CellAggregate, ClientRecord, DisclosedCell, PublishedRelease } from './types.js';

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

  it('ignores earlier releases whose period does not overlap, and the release itself', async () => {
    const { truth, cells } = await released(publishableCity());
    const other: PublishedRelease = { id: 'last-year', periodStart: '2024-04-01', periodEnd: '2025-03-31', cells };
    const self: PublishedRelease = { id: 'candidate', ...FY, cells };
    const report = await audit(cells, truth, [other, self]);
    expect(report.releasesCompared).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
