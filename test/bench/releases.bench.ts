import { cellKey } from '../../libs/disclosure/src/grid/cell-grid.js';
import { aggregateClients } from '../../libs/disclosure/src/grid/aggregate-clients.js';
import { buildDisclosure } from '../../libs/disclosure/src/build-disclosure.js';
import { CLASSIFICATION, clientsInPeriod, FOLDED_CLASSIFICATION, generateYear } from '../../libs/disclosure/src/disclosure.fixtures.js';
import { DEFAULT_POLICY } from '../../libs/disclosure/src/policy.js';
import type { CellAggregate, Classification, DisclosedCell, DisclosureResult, PublishedRelease } from '../../libs/disclosure/src/types.js';
import { type PatternBound, patternBound } from './pattern-bound.js';

/**
 * bench:releases — a city's year of releases, each published as it comes, on the realistic year of
 * the disclosure lib's realistic spec (same generator, same seed). Per release it prints the build
 * time (engine + its audit), the cells of at least 3k clients kept, the integer-program bound on
 * what any safe pattern could keep, whether the city-wide total and themes are published, and the
 * audit's verdict. The engine is pure: no database is needed (see scripts/bench.mjs --no-services).
 *
 * Deep imports on purpose: the generator lives beside the specs (disclosure.fixtures.ts), not in the
 * lib's public face.
 */
const SIZES = (process.env.BENCH_SIZES ?? '1500,5000,20000').split(',').map((s) => Number(s.trim().replaceAll('_', '')));
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
/** the realistic spec's seed */
const SEED = Number(process.env.BENCH_SEED ?? 2025);
const BOUND_SECONDS = Number(process.env.BENCH_BOUND_SECONDS ?? 60);
const ORDER_NAMES = (process.env.BENCH_ORDERS ?? 'year,q1-h1-fy,q4-h2-fy').split(',').map((s) => s.trim());
/** The tables' designs to compare: 'folded' (what the portal publishes) and 'jsic' (JSIC's three sector margins). */
const TABLES: Record<string, Classification> = { folded: FOLDED_CLASSIFICATION, jsic: CLASSIFICATION };
const TABLE_NAMES = (process.env.BENCH_TABLES ?? 'folded,jsic').split(',').map((s) => s.trim());

type Period = { id: string; start: string; end: string };
const P: Record<string, Period> = {
  Q1: { id: 'Q1', start: '2025-04-01', end: '2025-06-30' },
  Q2: { id: 'Q2', start: '2025-07-01', end: '2025-09-30' },
  Q3: { id: 'Q3', start: '2025-10-01', end: '2025-12-31' },
  Q4: { id: 'Q4', start: '2026-01-01', end: '2026-03-31' },
  H1: { id: 'H1', start: '2025-04-01', end: '2025-09-30' },
  H2: { id: 'H2', start: '2025-10-01', end: '2026-03-31' },
  FY: { id: 'FY', start: '2025-04-01', end: '2026-03-31' },
};
const ORDERS: Record<string, Period[]> = {
  year: [P.Q1, P.Q2, P.Q3, P.Q4, P.H1, P.H2, P.FY],
  'q1-h1-fy': [P.Q1, P.H1, P.FY],
  'q4-h2-fy': [P.Q4, P.H2, P.FY],
};

interface Row {
  tables: string;
  order: string;
  clientsInYear: number;
  release: string;
  clients: number;
  buildMs: number;
  /** this process's CPU time during the build: the machine is shared, wall time alone misleads */
  cpuMs: number;
  bigKept: number;
  bigCells: number;
  bound?: PatternBound;
  totalPublished: boolean;
  themesPublished: boolean;
  passed: boolean;
  findings: number;
  minIntervalWidth: number | null;
  releasesCompared: number;
  suppressedCells: number;
  lpSolves: number;
  /** big cells hidden, by reason */
  bigHiddenBy: Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The realistic spec's measure: cells of at least 3k clients, and which of them stay published. */
function bigCells(aggregates: CellAggregate[], cells: DisclosedCell[]) {
  const published = new Map(cells.map((c) => [cellKey(c), c]));
  const big = aggregates.filter((a) => a.count >= 3 * DEFAULT_POLICY.k);
  const bigHiddenBy: Record<string, number> = {};
  let kept = 0;
  for (const a of big) {
    const cell = published.get(cellKey(a))!;
    if (cell.count !== null) kept++;
    else bigHiddenBy[cell.reason ?? '?'] = (bigHiddenBy[cell.reason ?? '?'] ?? 0) + 1;
  }
  return { kept, total: big.length, bigHiddenBy };
}

async function publishOrder(
  tables: string,
  order: string,
  periods: Period[],
  clientsInYear: number,
  year: ReturnType<typeof generateYear>,
): Promise<Row[]> {
  const classification = TABLES[tables]!;
  const rows: Row[] = [];
  const priors: PublishedRelease[] = [];
  for (const period of periods) {
    const aggregates = aggregateClients(clientsInPeriod(year, period.start, period.end), classification);
    const input = { aggregates, policy: DEFAULT_POLICY, classification, periodStart: period.start, periodEnd: period.end, priorReleases: [...priors] };
    const times: number[] = [];
    const cpu: number[] = [];
    let result: DisclosureResult | undefined;
    let firstCells: string | undefined;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      result = await buildDisclosure(input);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      // The engine is deterministic (node limits, not clocks): repeated runs must agree.
      const pattern = result.cells.map((c) => (c.count === null ? '1' : '0')).join('');
      if (firstCells !== undefined && pattern !== firstCells) console.warn(`  ! ${period.id}: run ${run + 1} hid different cells than run 1`);
      firstCells ??= pattern;
    }
    const r = result!;
    const published = new Map(r.cells.map((c) => [cellKey(c), c.count]));
    const big = bigCells(aggregates, r.cells);
    const bound = BOUND_SECONDS > 0 ? await patternBound({ ...input, timeLimitSeconds: BOUND_SECONDS }) : undefined;
    const row: Row = {
      tables,
      order,
      clientsInYear,
      release: period.id,
      clients: aggregates.find((a) => cellKey(a) === 'all|*|*|total|*')?.count ?? 0,
      buildMs: median(times),
      cpuMs: median(cpu),
      bigKept: big.kept,
      bigCells: big.total,
      bound,
      totalPublished: (published.get('all|*|*|total|*') ?? null) !== null,
      themesPublished: CLASSIFICATION.categories.theme.every((t) => (published.get(`all|*|*|theme|${t}`) ?? 0) !== null),
      passed: r.audit.passed,
      findings: r.audit.findings.length,
      minIntervalWidth: r.audit.minIntervalWidth,
      releasesCompared: r.audit.releasesCompared.length,
      suppressedCells: r.audit.suppressedCells,
      lpSolves: r.audit.lpSolves,
      bigHiddenBy: big.bigHiddenBy,
    };
    rows.push(row);
    console.log(describe(row));
    priors.push({ id: period.id, periodStart: period.start, periodEnd: period.end, cells: r.cells });
  }
  return rows;
}

function boundText(b: PatternBound | undefined): string {
  if (!b) return 'n/a';
  if (b.closed) return pct(b.keptAtMost);
  // the time limit struck: the proven figure is still a valid (looser) bound
  return b.minBigHidden > b.bigHiddenByRules ? `≤ ${pct(b.keptAtMost)} (open)` : 'n/a';
}

function describe(r: Row): string {
  const b = r.bound;
  const hiddenBy = Object.entries(r.bigHiddenBy)
    .sort((x, y) => y[1] - x[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return (
    `  ${r.release}: ${r.clients} clients, built and audited in ${r.buildMs.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)} ms); ` +
    `cells >= 3k kept ${r.bigKept}/${r.bigCells} = ${pct(r.bigKept / Math.max(1, r.bigCells))}, bound ${boundText(b)}` +
    (b ? ` (at most ${b.bigCells - b.minBigHidden} kept; rules hide ${b.bigHiddenByRules}; ${b.parts} parts, ${b.openParts} open, ${(b.ms / 1000).toFixed(1)} s)` : '') +
    `; city-wide total ${r.totalPublished ? 'published' : 'HIDDEN'}, themes ${r.themesPublished ? 'all published' : 'NOT all published'}; ` +
    `audit ${r.passed ? 'passed' : 'FAILED'} (${r.findings} findings, narrowest interval ${r.minIntervalWidth ?? '-'}, ` +
    `${r.releasesCompared} earlier releases compared, ${r.suppressedCells} cells suppressed, ${r.lpSolves} LP solves)` +
    (hiddenBy ? `; big cells hidden by ${hiddenBy}` : '')
  );
}

function table(rows: Row[]): string {
  const head = ['clients', 'tables', 'order', 'release', 'period clients', 'build ms', 'CPU ms', 'kept ≥ 3k', 'bound', 'total', 'themes', 'audit'];
  const body = rows.map((r) => [
    r.clientsInYear.toLocaleString('en'),
    r.tables,
    r.order,
    r.release,
    String(r.clients),
    r.buildMs.toFixed(0),
    r.cpuMs.toFixed(0),
    `${r.bigKept}/${r.bigCells} ${pct(r.bigKept / Math.max(1, r.bigCells))}`,
    boundText(r.bound),
    r.totalPublished ? 'yes' : 'NO',
    r.themesPublished ? 'yes' : 'NO',
    r.passed ? `passed, ${r.findings} leaks` : `FAILED, ${r.findings} findings`,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const unknown = ORDER_NAMES.filter((o) => !ORDERS[o]);
  if (unknown.length) throw new Error(`BENCH_ORDERS: unknown ${unknown.join(', ')} (known: ${Object.keys(ORDERS).join(', ')})`);
  const unknownTables = TABLE_NAMES.filter((t) => !TABLES[t]);
  if (unknownTables.length) throw new Error(`BENCH_TABLES: unknown ${unknownTables.join(', ')} (known: ${Object.keys(TABLES).join(', ')})`);
  console.log(`bench:releases: tables ${TABLE_NAMES.join(', ')}, sizes ${SIZES.join(', ')}, seed ${SEED}, ${RUNS} run(s) per release (median), bound time limit ${BOUND_SECONDS} s per release`);
  const rows: Row[] = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    const year = generateYear(SEED, { clients: size });
    console.log(`\n${size.toLocaleString('en')} clients: ${year.length.toLocaleString('en')} consultations generated in ${(performance.now() - t0).toFixed(0)} ms`);
    for (const tables of TABLE_NAMES) {
      for (const name of ORDER_NAMES) {
        const periods = ORDERS[name]!;
        const label = periods.map((p) => p.id).join(' → ');
        console.log(`${label} (${tables} tables):`);
        const t1 = performance.now();
        rows.push(...(await publishOrder(tables, label, periods, size, year)));
        console.log(`  (${((performance.now() - t1) / 1000).toFixed(1)} s for the order, bounds included)`);
      }
    }
  }
  console.log(`\n${table(rows)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
