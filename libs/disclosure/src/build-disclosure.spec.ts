import fc from 'fast-check';
import { auditRelease } from './audit/auditor.js';
import { buildDisclosure } from './build-disclosure.js';
import { client as anyClient, SMALL_CLASSIFICATION } from './disclosure.fixtures.js';
import { aggregateClients } from './grid/aggregate-clients.js';
import { cellKey } from './grid/cell-grid.js';
import { DEFAULT_POLICY, type DisclosurePolicy } from './policy.js';
import type { CellAggregate, Classification, ClientRecord, DisclosureResult, PublishedRelease } from './types.js';

const cls = SMALL_CLASSIFICATION;
const client = (o: Partial<ClientRecord> = {}) => anyClient({ sizeClass: '1-19', tenureBand: 'lt1', ...o });
const sectorOf = new Map(cls.industries.map((i) => [i.code, i.sector]));

/** Clients of a small city, biased towards the nasty cases: tiny scopes, lone employers, shared themes. */
const clientArb: fc.Arbitrary<ClientRecord> = fc
  .record({
    industry: fc.constantFrom(...cls.industries.map((i) => i.code)),
    size: fc.constantFrom(...cls.sizeClasses),
    employmentType: fc.constantFrom('regular', 'regular', 'non_regular', 'not_working'),
    employer: fc.integer({ min: 0, max: 5 }),
    themes: fc.subarray(cls.categories.theme, { minLength: 1, maxLength: 2 }),
    channels: fc.subarray(cls.categories.channel, { minLength: 1 }),
    ageBand: fc.constantFrom(...cls.categories.age_band),
    tenure: fc.constantFrom('lt1', '10+'),
  })
  .map((r) => {
    const employed = r.employmentType !== 'not_working';
    return {
      industry: r.industry,
      sizeClass: employed ? r.size : null,
      employed,
      employerHmac: employed ? `${r.industry}-${r.size}-${r.employer}` : null,
      themes: r.themes,
      channels: r.channels,
      ageBand: r.ageBand,
      employmentType: r.employmentType,
      tenureBand: employed ? r.tenure : 'na',
    };
  });

/** A cluster: n clients sharing one scope and attributes (a scope of exactly k, a lone employer...). */
const clusterArb = fc
  .record({ base: clientArb, n: fc.integer({ min: 1, max: 12 }), sameEmployer: fc.boolean() })
  .map(({ base, n, sameEmployer }) =>
    Array.from({ length: n }, (_, i) => ({ ...base, employerHmac: base.employed ? (sameEmployer ? base.employerHmac : `${base.employerHmac}/${i}`) : null })),
  );

const datasetArb = fc
  .tuple(fc.array(clientArb, { minLength: 0, maxLength: 120 }), fc.array(clusterArb, { maxLength: 4 }))
  .map(([clients, clusters]) => [...clients, ...clusters.flat()]);

async function build(aggregates: CellAggregate[], priorReleases: PublishedRelease[] = [], period = ['2025-04-01', '2026-03-31'], policy = DEFAULT_POLICY) {
  return buildDisclosure({ aggregates, policy, classification: cls, periodStart: period[0], periodEnd: period[1], priorReleases });
}

/** The invariants every release must keep, checked against the truth. */
function expectPublishable(result: DisclosureResult, aggregates: CellAggregate[], classification: Classification, policy: DisclosurePolicy) {
  const truth = new Map(aggregates.map((a) => [cellKey(a), a]));
  const scopeTotal = (c: { population: string; industry: string; sizeClass: string }) =>
    truth.get(cellKey({ ...c, dimension: 'total', category: '*' }))?.count ?? 0;
  const divisions = classification.industries.length + 4;
  const expectedCells = (divisions * (classification.sizeClasses.length + 1) + 1) * (1 + Object.values(classification.categories).flat().length);
  expect(result.cells).toHaveLength(expectedCells);
  for (const cell of result.cells) {
    const t = truth.get(cellKey(cell));
    const count = t?.count ?? 0;
    if (count === 0) {
      // zeros are published as 0, except beside a hidden attribute cell, where they would give it away
      if (cell.count === null) expect(cell.reason).toBe('attribute');
      else expect(cell.count).toBe(0);
      continue;
    }
    if (cell.count === null) {
      expect(cell.reason).toBeDefined();
      continue;
    }
    expect(cell.count).toBe(count);
    expect(count).toBeGreaterThanOrEqual(policy.k);
    if (cell.population === 'employed') {
      expect(t!.employers).toBeGreaterThanOrEqual(policy.min_employers);
      expect(t!.maxEmployerCount).toBeLessThanOrEqual(policy.max_employer_share * count + 1e-9);
    }
    if (cell.dimension !== 'total' && count === scopeTotal(cell)) {
      expect(count).toBeGreaterThanOrEqual(policy.attribute_factor * policy.k);
    }
  }
  expect(result.audit.passed).toBe(true);
  expect(result.audit.findings).toEqual([]);
  if (result.audit.suppressedCells > 0) expect(result.audit.minIntervalWidth).toBeGreaterThanOrEqual(policy.k - 1e-6);
}

describe('buildDisclosure', () => {
  it('publishes only what the rules allow, and its own audit and an independent one pass', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (clients) => {
        const aggregates = aggregateClients(clients, cls);
        const result = await build(aggregates);
        expectPublishable(result, aggregates, cls, DEFAULT_POLICY);
        const audit = await auditRelease({
          release: { periodStart: '2025-04-01', periodEnd: '2026-03-31', cells: result.cells },
          truth: aggregates,
          policy: DEFAULT_POLICY,
          classification: cls,
          priorReleases: [],
        });
        expect(audit.passed).toBe(true);
      }),
      { numRuns: 25, seed: 20250401 },
    );
  });

  it('keeps nested releases (quarter, half, year) publishable and free of differencing', async () => {
    const consultationArb = fc.array(fc.tuple(clientArb, fc.integer({ min: 0, max: 364 }), fc.option(fc.integer({ min: 1, max: 200 }))), {
      minLength: 20,
      maxLength: 150,
    });
    await fc.assert(
      fc.asyncProperty(consultationArb, async (rows) => {
        const day = (d: number) => new Date(Date.UTC(2025, 3, 1) + Math.min(d, 364) * 86400000).toISOString().slice(0, 10);
        // each client: a first visit, maybe a second one later with an extra theme
        const visits = rows.flatMap(([c, d, again], id) => [
          { id, on: day(d), c },
          ...(again ? [{ id, on: day(d + again), c: { ...c, themes: [...new Set([...c.themes, 'health'])] } }] : []),
        ]);
        const inPeriod = (s: string, e: string) => {
          const latest = new Map<number, ClientRecord>();
          for (const v of [...visits].sort((a, b) => a.on.localeCompare(b.on))) {
            if (v.on < s || v.on > e) continue;
            const prev = latest.get(v.id);
            latest.set(v.id, { ...v.c, themes: [...new Set([...(prev?.themes ?? []), ...v.c.themes])] });
          }
          return [...latest.values()];
        };
        const priors: PublishedRelease[] = [];
        for (const [id, s, e] of [
          ['q1', '2025-04-01', '2025-06-30'],
          ['h1', '2025-04-01', '2025-09-30'],
          ['fy', '2025-04-01', '2026-03-31'],
        ]) {
          const aggregates = aggregateClients(inPeriod(s, e), cls);
          const result = await build(aggregates, priors, [s, e]);
          expectPublishable(result, aggregates, cls, DEFAULT_POLICY);
          const published = new Map(result.cells.map((c) => [cellKey(c), c.count]));
          for (const prior of priors) {
            for (const c of prior.cells) {
              const now = published.get(cellKey(c));
              if (c.count === null || now === null || now === undefined) continue;
              const diff = Math.abs(now - c.count);
              expect(diff === 0 || diff >= DEFAULT_POLICY.k).toBe(true);
            }
          }
          priors.push({ id, periodStart: s, periodEnd: e, cells: result.cells });
        }
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it('hides a lone employer, a scope of exactly k and a theme everyone in a scope shares', async () => {
    const clients = [
      // one employer alone in its band: 6 clients of E 300+ all from one firm
      ...Array.from({ length: 6 }, () => client({ sizeClass: '300+', employerHmac: 'big-firm' })),
      // a scope of exactly k = 5 in D 1-19, every one on 'harassment'
      ...Array.from({ length: 5 }, (_, i) => client({ industry: 'D', sizeClass: '1-19', employerHmac: `d${i}`, themes: ['harassment'] })),
      // enough elsewhere to publish
      ...Array.from({ length: 40 }, (_, i) =>
        client({ industry: i % 2 ? 'I' : 'P', sizeClass: '1-19', employerHmac: `t${i % 9}`, ageBand: i % 3 ? '30-39' : '60+', themes: [i % 4 ? 'health' : 'reskilling'] }),
      ),
    ];
    const aggregates = aggregateClients(clients, cls);
    const result = await build(aggregates);
    expectPublishable(result, aggregates, cls, DEFAULT_POLICY);
    const cell = (key: string) => result.cells.find((c) => cellKey(c) === key)!;
    expect(cell('employed|E|300+|total|*')).toMatchObject({ count: null, reason: 'min_employers' });
    expect(cell('employed|D|1-19|theme|harassment')).toMatchObject({ count: null, reason: 'attribute' });
    expect(cell('all|*|*|total|*').count).toBe(51);
  });

  it('suppresses a count that moved by fewer than k people since a nested release', async () => {
    const base = Array.from({ length: 30 }, (_, i) => client({ industry: 'I', sizeClass: '1-19', employerHmac: `e${i % 6}` }));
    const q1 = await build(aggregateClients(base, cls), [], ['2025-04-01', '2025-06-30']);
    expect(q1.cells.find((c) => cellKey(c) === 'all|*|*|total|*')!.count).toBe(30);
    const more = [...base, client({ industry: 'I', sizeClass: '1-19', employerHmac: 'e1' }), client({ industry: 'I', sizeClass: '1-19', employerHmac: 'e2' })];
    const aggregates = aggregateClients(more, cls);
    const h1 = await build(aggregates, [{ id: 'q1', periodStart: '2025-04-01', periodEnd: '2025-06-30', cells: q1.cells }], ['2025-04-01', '2025-09-30']);
    expect(h1.cells.find((c) => cellKey(c) === 'all|*|*|total|*')).toMatchObject({ count: null, reason: 'differencing' });
    expectPublishable(h1, aggregates, cls, DEFAULT_POLICY);
    expect(h1.audit.releasesCompared).toEqual(['q1']);
  });

  it('reports information loss over the full grid', async () => {
    const aggregates = aggregateClients(Array.from({ length: 3 }, () => client({ industry: 'I' })), cls);
    const result = await build(aggregates);
    const nonZero = aggregates.reduce((s, a) => s + a.count, 0);
    expect(result.informationLoss.totalCells).toBe(result.cells.length);
    expect(result.informationLoss.suppressedCells).toBe(result.cells.filter((c) => c.count === null).length);
    expect(result.informationLoss.clientShare).toBeCloseTo(1, 9); // three clients: everything hidden
    expect(nonZero).toBeGreaterThan(0);
  });
});
