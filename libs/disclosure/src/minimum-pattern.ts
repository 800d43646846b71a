import type { CellGrid, GridTruth } from './cells.js';
import { EQ, type LinearSystem } from './constraints.js';
import { loadHighs } from './lp-solver.js';
import type { DisclosurePolicy } from './policy.js';
import type { SuppressionReason } from './types.js';

// The cheapest suppression pattern meeting every relation's necessary conditions, for the whole
// grid at once, chosen before any hidden value is certified.
//
// In each additive relation of the grid (parent = sum of children) a hidden cell is recoverable
// unless the relation hides enough: a hidden child needs another hidden cell beside it, a hidden
// parent needs a hidden child, and while the parent is published the hidden children must hold at
// least k clients together (the published rest fixes their sum, which bounds each one's range).
// As 0/1 choices these make an integer program that HiGHS solves exactly, part by independent
// part, in about a second at most (200,000 clients). Its partners serve several relations at once, where certificates bought one hidden cell
// at a time pick a new big partner for each; the protection LP then certifies every hidden value
// and adds whatever the conditions miss (they are necessary, not sufficient).
//
// Measured on the realistic year (1,500 clients, a tiny primary sector), cells of 3k or more kept
// published rose from 79 / 79 / 85 % to 83 / 81 / 86 % for the quarter, half year and year (and
// from 83 / 84 / 86 % to 85 / 86 / 87 % with 5,000 clients). The program's own pattern is close to
// what any safe pattern must hide: the quarter's certificates added no big cell to it, the half
// year's and the year's 9 each (from the earlier releases they must also keep protected).

export interface MinimumPattern {
  /** cells the pattern hides that were not hidden before */
  added: number[];
  /** what every safe pattern costs at least, in the program's cost units; NaN if not solved to optimality */
  lowerBound: number;
  optimal: boolean;
}

/**
 * Node limit of the branch and bound: the program usually closes at the root; the limit (not a
 * clock) keeps the result the same on a fast and a slow machine.
 */
const MAX_NODES = 5000;

/**
 * What hiding a cell loses, for the program: a cell of 3k or more costs as much as many small ones
 * (the promise to managers is that the big figures stay), a small cell one more than its count (so
 * that the themes of a manager's own small scope are not all given up for little: with a hundredth
 * of its count instead, the browser suite's 500-client year gave a manager a digest scope without
 * a single theme figure), and
 * city-wide figures, above all the total and the themes, are kept whenever any pattern allows.
 */
export function patternCosts(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy): Float64Array {
  const cost = new Float64Array(grid.size);
  for (let i = 0; i < grid.size; i++) {
    const x = truth.count[i];
    let w = x >= 3 * policy.k ? 1000 + x : 1 + x;
    if (!grid.isEmployed(i)) {
      w *= 100;
      const dimension = grid.refs[i].dimension;
      if (dimension === 'total' || dimension === 'theme') w *= 100;
    }
    cost[i] = w;
  }
  return cost;
}

/** parent = sum(children), over program columns; weights are the children's counts capped at k */
export interface PatternRelation {
  parent: number;
  children: number[];
  weights: number[];
}

/** The 0/1 program: one column per cell that may be hidden, the relations between them. */
export interface PatternProgram {
  k: number;
  /** column of each grid cell, -1 for a published zero (it stays) */
  column: Int32Array;
  /** 1 for a cell hidden already */
  colLower: number[];
  colCost: number[];
  relations: PatternRelation[];
}

export function patternProgram(
  grid: CellGrid,
  system: LinearSystem,
  truth: GridTruth,
  k: number,
  cost: Float64Array,
  hidden: (cell: number) => boolean,
): PatternProgram {
  const column = new Int32Array(grid.size).fill(-1);
  const colLower: number[] = [];
  const colCost: number[] = [];
  for (let i = 0; i < grid.size; i++) {
    if (!hidden(i) && truth.count[i] === 0) continue;
    column[i] = colLower.length;
    colLower.push(hidden(i) ? 1 : 0);
    colCost.push(hidden(i) ? 0 : cost[i]);
  }
  const relations: PatternRelation[] = [];
  for (let r = 0; r < system.rowCount; r++) {
    const from = system.starts[r];
    const to = system.starts[r + 1];
    // the sums of this release's grid (parent first with +1, children with -1), see addSum
    if (system.types[r] !== EQ || system.coefs[from] !== 1 || system.vars[from] >= grid.size) continue;
    let sameGrid = true;
    for (let q = from + 1; q < to; q++) if (system.vars[q] >= grid.size || system.coefs[q] !== -1) sameGrid = false;
    if (!sameGrid) continue;
    const parent = column[system.vars[from]];
    const children: number[] = [];
    const weights: number[] = [];
    for (let q = from + 1; q < to; q++) {
      const c = column[system.vars[q]];
      if (c < 0) continue;
      children.push(c);
      weights.push(Math.min(k, truth.count[system.vars[q]]));
    }
    if (parent >= 0 && children.length > 0) relations.push({ parent, children, weights });
  }
  return { k, column, colLower, colCost, relations };
}

/** Every relation holds its conditions for the 0/1 choice y, and the hidden cells stay hidden. */
export function satisfies(program: PatternProgram, y: readonly number[]): boolean {
  if (program.colLower.some((lo, c) => lo === 1 && y[c] !== 1)) return false;
  return program.relations.every(({ parent, children, weights }) => {
    let count = 0;
    let sum = 0;
    children.forEach((c, b) => {
      count += y[c];
      sum += y[c] * weights[b];
    });
    if (y[parent] === 1) return count >= 1;
    return count === 0 || (count >= 2 && sum >= program.k);
  });
}

/**
 * The program as HiGHS reads it, each condition a row over the relation's cells:
 *   sum(y_child) >= y_parent;
 *   y_parent + sum(y_other children) >= y_child (for a child of k or more; for a smaller one the
 *   next row implies it);
 *   k y_parent + sum(w y_child) >= k y_child.
 * (Per-relation helper columns counting the hidden children would shorten the rows, but made
 * HiGHS slower on the benchmark's grid.)
 */
function programMatrix(program: PatternProgram, infinity: number) {
  const numCols = program.colLower.length;
  const rowStarts = [0];
  const rowIndex: number[] = [];
  const rowValue: number[] = [];
  const atLeastZero = (terms: [number, number][]) => {
    for (const [c, a] of terms) {
      if (a === 0) continue;
      rowIndex.push(c);
      rowValue.push(a);
    }
    rowStarts.push(rowIndex.length);
  };
  const k = program.k;
  for (const { parent, children, weights } of program.relations) {
    atLeastZero([...children.map((c): [number, number] => [c, 1]), [parent, -1]]);
    children.forEach((_, a) => {
      if (weights[a] >= k) atLeastZero([[parent, 1], ...children.map((c, b): [number, number] => [c, a === b ? -1 : 1])]);
      atLeastZero([[parent, k], ...children.map((c, b): [number, number] => [c, weights[b] - (a === b ? k : 0)])]);
    });
  }
  const numRows = rowStarts.length - 1;
  return {
    numCols,
    numRows,
    colLower: Float64Array.from(program.colLower),
    colUpper: new Float64Array(numCols).fill(1),
    colCost: Float64Array.from(program.colCost),
    rowLower: new Float64Array(numRows),
    rowUpper: new Float64Array(numRows).fill(infinity),
    matrix: {
      format: 'csr' as const,
      numRows,
      numCols,
      starts: Int32Array.from(rowStarts),
      indices: Int32Array.from(rowIndex),
      values: Float64Array.from(rowValue),
    },
    integrality: new Int32Array(numCols).fill(1),
  };
}

export async function suppressMinimumPattern(
  grid: CellGrid,
  system: LinearSystem,
  truth: GridTruth,
  policy: DisclosurePolicy,
  reasons: (SuppressionReason | undefined)[],
): Promise<MinimumPattern> {
  const program = patternProgram(grid, system, truth, policy.k, patternCosts(grid, truth, policy), (i) => reasons[i] !== undefined);
  const highs = await loadHighs();
  const chosen = [...program.colLower];
  let lowerBound = 0;
  let optimal = true;
  for (const part of independentParts(program)) {
    const solved = solvePart(highs, part.program);
    if (!solved) {
      // Stopped without a pattern: the certificates alone still protect this part, only
      // utility suffers.
      optimal = false;
      continue;
    }
    if (!solved.optimal) optimal = false;
    lowerBound += solved.objective;
    part.columns.forEach((c, local) => (chosen[c] = solved.y[local]));
  }
  const added: number[] = [];
  for (let i = 0; i < grid.size; i++) {
    const c = program.column[i];
    if (c < 0 || reasons[i] !== undefined || chosen[c] === 0) continue;
    reasons[i] = 'secondary';
    added.push(i);
  }
  return { added, lowerBound: optimal ? lowerBound : NaN, optimal };
}

/**
 * The program falls apart into parts that share no relation (each theme and channel column on its
 * own, the total with the single-valued dimensions...). Only parts holding a hidden cell need
 * solving (elsewhere hiding nothing is optimal), and several small programs solve much faster than
 * one big one.
 */
export function independentParts(program: PatternProgram): { columns: number[]; program: PatternProgram }[] {
  const n = program.colLower.length;
  const root = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (root[x] !== x) x = root[x] = root[root[x]];
    return x;
  };
  for (const { parent, children } of program.relations) for (const c of children) root[find(c)] = find(parent);
  const parts = new Map<number, { columns: number[]; local: Map<number, number>; relations: PatternRelation[] }>();
  for (let c = 0; c < n; c++) {
    const r = find(c);
    let part = parts.get(r);
    if (!part) parts.set(r, (part = { columns: [], local: new Map(), relations: [] }));
    part.local.set(c, part.columns.length);
    part.columns.push(c);
  }
  for (const relation of program.relations) parts.get(find(relation.parent))!.relations.push(relation);
  const out: { columns: number[]; program: PatternProgram }[] = [];
  for (const part of parts.values()) {
    if (part.relations.length === 0 || !part.columns.some((c) => program.colLower[c] === 1)) continue;
    const local = (c: number) => part.local.get(c)!;
    out.push({
      columns: part.columns,
      program: {
        k: program.k,
        column: new Int32Array(0),
        colLower: part.columns.map((c) => program.colLower[c]),
        colCost: part.columns.map((c) => program.colCost[c]),
        relations: part.relations.map((r) => ({ parent: local(r.parent), children: r.children.map(local), weights: r.weights })),
      },
    });
  }
  return out;
}

function solvePart(highs: Awaited<ReturnType<typeof loadHighs>>, program: PatternProgram): { y: number[]; objective: number; optimal: boolean } | undefined {
  const model = highs.createModel(programMatrix(program, highs.infinity));
  try {
    model.options.set({
      output_flag: false,
      mip_max_nodes: MAX_NODES,
      mip_rel_gap: 0,
      // a small cut pool: the root's cut loop dominated the time on the benchmark's grid (2.5 s to 1.3 s)
      mip_pool_soft_limit: 10,
      // a safety net for pathological inputs; the node limit normally stops it first
      time_limit: 30,
    });
    const { modelStatus } = model.run();
    const values = model.getSolution().colValue;
    if (!values || values.length !== program.colLower.length) return undefined;
    const y = Array.from(values, (v) => (v > 0.5 ? 1 : 0));
    if (!satisfies(program, y)) return undefined;
    const objective = y.reduce((sum: number, v, c) => sum + v * program.colCost[c], 0);
    return { y, objective, optimal: modelStatus === highs.constants.modelStatus.optimal };
  } finally {
    model.dispose();
  }
}
