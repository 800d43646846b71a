import type { DisclosedCell, PublishedRelease } from '../types.js';
import { type CellGrid, cellKey, EMPLOYED_TYPES, type GridTruth, InvalidAggregateError } from './cell-grid.js';
import { addGridRows, addNestingRows, LinearSystem, rowHolds, type SystemKnowledge } from './constraints.js';

// A release is attacked together with every earlier release whose period overlaps it. Variables
// are laid out by slot: slot 0 is the release under review, slots 1.. the earlier releases.

export interface Period {
  periodStart: string;
  periodEnd: string;
}

export function overlaps(a: Period, b: Period): boolean {
  return a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;
}

export function nestsIn(inner: Period, outer: Period): boolean {
  return outer.periodStart <= inner.periodStart && inner.periodEnd <= outer.periodEnd;
}

export function periodsNest(a: Period, b: Period): boolean {
  return nestsIn(a, b) || nestsIn(b, a);
}

export interface PriorSlot {
  release: PublishedRelease;
  offset: number;
  /** published counts by grid index; NaN when suppressed or absent */
  published: Float64Array;
  nestsWithCurrent: boolean;
}

export interface ReleaseContext {
  grid: CellGrid;
  numVars: number;
  /** every relation: the current grid, each prior grid, the nesting links */
  system: LinearSystem;
  /** the same without the current release: what was known before it */
  priorSystem: LinearSystem;
  priors: PriorSlot[];
  /**
   * By variable: 1 for an earlier release's hidden value that this release can reach, through a
   * relation holding one of its cells or a chain of relations over earlier hidden values. The
   * others sit in parts of the system this release never enters: their ranges are what the earlier
   * releases alone left them, whatever this release publishes, so they need no attack here.
   */
  reachable: Uint8Array;
}

export function publishedVector(grid: CellGrid, cells: readonly DisclosedCell[]): Float64Array {
  const published = new Float64Array(grid.size).fill(NaN);
  for (const cell of cells) {
    const index = grid.indexOf(cell);
    if (index !== undefined && cell.count !== null && Number.isFinite(cell.count)) published[index] = cell.count;
  }
  return published;
}

/**
 * An earlier release published on other tables (other sector margins) holds values this grid
 * cannot model: attacking without them would understate the attacker, so refuse to go on.
 */
export function assertSameTables(grid: CellGrid, release: PublishedRelease): void {
  const foreign = release.cells.find((cell) => grid.indexOf(cell) === undefined);
  if (foreign) throw new IncompatibleTablesError(release.id, cellKey(foreign));
}

export class IncompatibleTablesError extends Error {
  readonly code = 'INCOMPATIBLE_TABLES';
  constructor(
    readonly releaseId: string,
    readonly cell: string,
  ) {
    super(`release ${releaseId} was published on other tables (its cell ${cell} is not in this grid): build this period on the same tables`);
    this.name = 'IncompatibleTablesError';
  }
}

export function buildReleaseContext(
  grid: CellGrid,
  knowledge: SystemKnowledge,
  current: Period & { id?: string },
  priorReleases: readonly PublishedRelease[],
): ReleaseContext {
  const relevant = priorReleases.filter((p) => p.id !== current.id && overlaps(p, current));
  for (const release of relevant) assertSameTables(grid, release);
  const priors: PriorSlot[] = relevant.map((release, i) => ({
    release,
    offset: (i + 1) * grid.size,
    published: publishedVector(grid, release.cells),
    nestsWithCurrent: periodsNest(release, current),
  }));
  const numVars = (priors.length + 1) * grid.size;
  const system = new LinearSystem();
  const priorSystem = new LinearSystem();
  addGridRows(system, grid, 0, knowledge);
  for (const p of priors) {
    addGridRows(system, grid, p.offset, knowledge);
    addGridRows(priorSystem, grid, p.offset, knowledge);
  }
  const periods: (Period & { offset: number })[] = [{ ...current, offset: 0 }, ...priors.map((p) => ({ ...p.release, offset: p.offset }))];
  for (const inner of periods) {
    for (const outer of periods) {
      if (inner === outer || !nestsIn(inner, outer)) continue;
      const sameEnd = inner.periodEnd === outer.periodEnd;
      addNestingRows(system, grid, inner.offset, outer.offset, sameEnd);
      if (inner.offset !== 0 && outer.offset !== 0) addNestingRows(priorSystem, grid, inner.offset, outer.offset, sameEnd);
    }
  }
  return { grid, numVars, system, priorSystem, priors, reachable: reachableHiddenPriors(system, grid.size, priors) };
}

/** What the attacker may assume about the data, dropping any assumption the truth itself breaks. */
export function knowledgeFromTruth(grid: CellGrid, truth: GridTruth): SystemKnowledge {
  const themeCols = grid.columnsOf('theme');
  const channelCols = grid.columnsOf('channel');
  let everyClientHasTheme = true;
  let everyClientHasChannel = true;
  for (let scope = 0; scope <= grid.allScope; scope++) {
    const total = truth.count[grid.cell(scope, 0)];
    const sum = (cols: number[]) => cols.reduce((s, c) => s + truth.count[grid.cell(scope, c)], 0);
    if (themeCols.length > 0 && sum(themeCols) < total) everyClientHasTheme = false;
    if (channelCols.length > 0 && sum(channelCols) < total) everyClientHasChannel = false;
  }
  let employedByType = true;
  const employedAll = grid.employedScope('*', '*');
  grid.columns.forEach((col, c) => {
    if (col.dimension !== 'employment_type' || !EMPLOYED_TYPES.has(col.category)) return;
    if (truth.count[grid.cell(grid.allScope, c)] !== truth.count[grid.cell(employedAll, c)]) employedByType = false;
  });
  return { everyClientHasTheme, everyClientHasChannel, employedByType };
}

/** Aggregates that break additivity would make every interval meaningless: refuse them. */
export function assertTruthConsistent(grid: CellGrid, truth: GridTruth, knowledge: SystemKnowledge): void {
  const system = new LinearSystem();
  addGridRows(system, grid, 0, knowledge);
  const value = (v: number) => truth.count[v];
  for (let r = 0; r < system.rowCount; r++) {
    if (rowHolds(system, r, value)) continue;
    const cells = system.vars.slice(system.starts[r], system.starts[r + 1]).map((v) => cellKey(grid.refs[v]));
    throw new InvalidAggregateError(`aggregates break the relation between ${cells.join(', ')}`);
  }
}

/**
 * Earlier hidden values reachable from this release's cells (slot 0): start from every relation
 * holding one of them and follow relations through earlier hidden values (published ones are
 * constants and cut the chain).
 */
function reachableHiddenPriors(system: LinearSystem, size: number, priors: readonly PriorSlot[]): Uint8Array {
  const hiddenPrior = new Uint8Array((priors.length + 1) * size);
  for (const p of priors) for (let i = 0; i < size; i++) if (Number.isNaN(p.published[i])) hiddenPrior[p.offset + i] = 1;
  const rowsOf = new Map<number, number[]>();
  const reachable = new Uint8Array(hiddenPrior.length);
  const queue: number[] = [];
  for (let r = 0; r < system.rowCount; r++) {
    let current = false;
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      if (v < size) current = true;
      else if (hiddenPrior[v]) {
        const list = rowsOf.get(v);
        if (list) list.push(r);
        else rowsOf.set(v, [r]);
      }
    }
    if (current) queue.push(r);
  }
  const rowSeen = new Uint8Array(system.rowCount);
  for (const r of queue) rowSeen[r] = 1;
  while (queue.length > 0) {
    const r = queue.pop()!;
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      if (!hiddenPrior[v] || reachable[v]) continue;
      reachable[v] = 1;
      for (const other of rowsOf.get(v) ?? []) {
        if (rowSeen[other]) continue;
        rowSeen[other] = 1;
        queue.push(other);
      }
    }
  }
  return reachable;
}
