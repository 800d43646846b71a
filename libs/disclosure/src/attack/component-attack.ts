import { GE, LE } from '../grid/constraints.js';
import { type loadHighs, PersistentLp, type SolveStatus, type SparseLp } from '../solver/lp-solver.js';

// The attack on one component, with far fewer LPs than two per hidden value. What decides
// protection is whether a value's interval is at least k wide, and that needs less than its
// exact ends:
// - Bound propagation over the rows gives valid bounds lb <= x <= ub (as LP presolve would).
//   Bounds closer than k prove the value narrow (the true interval lies inside them).
// - Two feasible tables at least k apart on a value prove it wide. Minimising, then maximising,
//   the sum of all open values gives two tables that settle most values at once.
// - A value sitting on its valid bound in some feasible table has that end of its interval exact.
// - Whatever is still undecided gets its own max / min LP, as the textbook attack does, which
//   is exact. Narrow values get exact intervals for the findings (exactNarrow).

export interface ReducedRow {
  cols: number[];
  coefs: number[];
  type: number;
  rhs: number;
}

/** A target over local columns: sum(coefs * x[cols]) + constant. */
export interface LocalTarget {
  cols: number[];
  coefs: number[];
  constant: number;
}

export interface LocalInterval {
  status: 'ok' | 'infeasible' | 'failed';
  lo: number;
  hi: number;
  exact: boolean;
}

export interface ComponentOptions {
  need: number;
  /** Ranges seen in tables known to be feasible (e.g. the truth), by local column. */
  observedLo?: Float64Array;
  observedHi?: Float64Array;
  /** Solve the exact interval of values found too narrow (for findings); the builder skips it. */
  exactNarrow: boolean;
  /** called with every feasible table found */
  onPoint?: (values: Float64Array) => void;
}

const TOL = 1e-6;

/**
 * Settles every target as wide (two feasible tables at least `need` apart), narrow (valid bounds
 * closer than `need`) or exactly solved; only the undecided ones get LPs of their own.
 */
export function solveComponentIntervals(
  highs: Awaited<ReturnType<typeof loadHighs>>,
  numCols: number,
  rows: ReducedRow[],
  targets: LocalTarget[],
  options: ComponentOptions,
): { intervals: LocalInterval[]; lpSolves: number } {
  const bounds = propagateBounds(numCols, rows);
  if (!bounds) return { intervals: targets.map(() => ({ status: 'infeasible', lo: NaN, hi: NaN, exact: true })), lpSolves: 0 };
  const attack = new ComponentAttack(targets, bounds, options);
  let pending = attack.open();
  if (pending.length === 0 && attack.narrowOpen().length === 0) return { intervals: attack.intervals(), lpSolves: 0 };

  const lp = new PersistentLp(highs, componentLp(highs.infinity, numCols, rows, bounds), { simplex: 'primal' });
  try {
    const solver = new TableSolver(lp, numCols, (x) => {
      options.onPoint?.(x);
      attack.observe(x);
    });
    pending = attack.opposingTablePairs(solver, pending);
    attack.solveUndecided(solver, pending);
    attack.solveNarrowExactly(solver);
    return { intervals: attack.intervals(), lpSolves: lp.solves };
  } finally {
    lp.dispose();
  }
}

/** The component's rows as an LP; single-column rows are already in the propagated bounds. */
function componentLp(inf: number, numCols: number, rows: ReducedRow[], { lb, ub }: { lb: Float64Array; ub: Float64Array }): SparseLp {
  const rowStarts = [0];
  const rowIndex: number[] = [];
  const rowValue: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const row of rows) {
    if (row.cols.length === 1) continue; // now a column bound
    row.cols.forEach((c, i) => {
      rowIndex.push(c);
      rowValue.push(row.coefs[i]);
    });
    rowStarts.push(rowIndex.length);
    rowLower.push(row.type === LE ? -inf : row.rhs);
    rowUpper.push(row.type === GE ? inf : row.rhs);
  }
  return {
    numCols,
    colLower: Float64Array.from(lb),
    colUpper: Float64Array.from(ub, (u) => (u === Infinity ? inf : u)),
    colCost: new Float64Array(numCols),
    rowStarts,
    rowIndex,
    rowValue,
    rowLower,
    rowUpper,
  };
}

/** The component's LP under an objective written term by term into `cost`; each optimal table is reported. */
class TableSolver {
  readonly cost: Float64Array;

  constructor(
    private readonly lp: PersistentLp,
    numCols: number,
    private readonly onTable: (x: Float64Array) => void,
  ) {
    this.cost = new Float64Array(numCols);
  }

  /** Solves under `cost`, then clears it for the next objective. */
  solve(sense: 'min' | 'max', cold = false): SolveStatus {
    this.lp.setCosts(this.cost);
    const status = this.lp.solve(sense, cold);
    this.cost.fill(0);
    if (status !== 'optimal') return status;
    this.onTable(this.lp.values());
    return status;
  }

  objective(): number {
    return this.lp.objective();
  }
}

/** What is known of each target's interval: valid bounds, the range seen in feasible tables, and which ends are exact. */
class ComponentAttack {
  private readonly need: number;
  private readonly obsLo: Float64Array;
  private readonly obsHi: Float64Array;
  private readonly loDone: Uint8Array;
  private readonly hiDone: Uint8Array;
  private readonly failed: (LocalInterval | undefined)[];
  private readonly boundLo: number[];
  private readonly boundHi: number[];

  constructor(
    private readonly targets: LocalTarget[],
    { lb, ub }: { lb: Float64Array; ub: Float64Array },
    private readonly options: ComponentOptions,
  ) {
    this.need = options.need - 1e-7;
    this.obsLo = new Float64Array(targets.length).fill(Infinity);
    this.obsHi = new Float64Array(targets.length).fill(-Infinity);
    this.loDone = new Uint8Array(targets.length);
    this.hiDone = new Uint8Array(targets.length);
    this.failed = new Array<LocalInterval | undefined>(targets.length);
    this.boundLo = targets.map((t) => boundOf(t, lb, ub, 'lo'));
    this.boundHi = targets.map((t) => boundOf(t, lb, ub, 'hi'));
    if (options.observedLo && options.observedHi) {
      targets.forEach((t, ti) => {
        if (t.cols.length !== 1 || t.coefs[0] !== 1) return;
        this.obsLo[ti] = Math.min(this.obsLo[ti], options.observedLo![t.cols[0]] + t.constant);
        this.obsHi[ti] = Math.max(this.obsHi[ti], options.observedHi![t.cols[0]] + t.constant);
      });
    }
    targets.forEach((_, ti) => this.markBounds(ti));
  }

  /** An end of the interval is exact once a feasible table reaches its valid bound. */
  private markBounds(ti: number): void {
    if (this.obsLo[ti] <= this.boundLo[ti] + TOL) this.loDone[ti] = 1;
    if (this.obsHi[ti] >= this.boundHi[ti] - TOL) this.hiDone[ti] = 1;
  }

  private exact(ti: number): boolean {
    return this.loDone[ti] === 1 && this.hiDone[ti] === 1;
  }

  private wide(ti: number): boolean {
    return this.obsHi[ti] - this.obsLo[ti] >= this.need;
  }

  private narrowByBounds(ti: number): boolean {
    return this.boundHi[ti] - this.boundLo[ti] < this.need;
  }

  private settled(ti: number): boolean {
    return this.failed[ti] !== undefined || this.exact(ti) || this.wide(ti) || this.narrowByBounds(ti);
  }

  /** Targets neither failed, exact, wide nor narrow by their bounds. */
  open(): number[] {
    return this.targets.map((_, ti) => ti).filter((ti) => !this.settled(ti));
  }

  /** Narrow targets whose exact interval the findings still need (only with `exactNarrow`). */
  narrowOpen(): number[] {
    return this.options.exactNarrow
      ? this.targets.map((_, ti) => ti).filter((ti) => !this.failed[ti] && !this.exact(ti) && !this.wide(ti) && this.narrowByBounds(ti))
      : [];
  }

  /** Widens each target's observed range by a feasible table. */
  observe(x: Float64Array): void {
    this.targets.forEach((t, ti) => {
      const v = t.cols.reduce((s, c, i) => s + t.coefs[i] * x[c], t.constant);
      if (v < this.obsLo[ti]) this.obsLo[ti] = v;
      if (v > this.obsHi[ti]) this.obsHi[ti] = v;
      this.markBounds(ti);
    });
  }

  /**
   * Opposite pairs of tables: each open value pushed up in one and down in the other, under a
   * few fixed sign patterns (a deterministic hash of the target's position, no randomness).
   * Returns the targets still open.
   */
  opposingTablePairs(solver: TableSolver, pending: number[]): number[] {
    const { cost } = solver;
    for (let round = 0; round < 4 && pending.length >= 2; round++) {
      const before = pending.length;
      for (const ti of pending) {
        const sign = signPattern(ti, round);
        this.targets[ti].cols.forEach((c, i) => (cost[c] += sign * this.targets[ti].coefs[i]));
      }
      const saved = Float64Array.from(cost);
      if (solver.solve('max', true) !== 'optimal') break;
      cost.set(saved);
      if (solver.solve('min', true) !== 'optimal') break;
      pending = this.open();
      if (pending.length > before * 0.8) break;
    }
    return pending;
  }

  /** The textbook attack for whatever the tables left open: a max and a min LP of its own. */
  solveUndecided(solver: TableSolver, pending: number[]): void {
    for (const ti of pending) {
      if (!this.settled(ti)) this.solveEnd(solver, ti, 'max');
      if (!this.settled(ti)) this.solveEnd(solver, ti, 'min');
    }
  }

  /** Exact intervals of the values found narrow, for the findings. */
  solveNarrowExactly(solver: TableSolver): void {
    for (const ti of this.narrowOpen()) {
      if (!this.hiDone[ti] && !this.failed[ti]) this.solveEnd(solver, ti, 'max');
      if (!this.loDone[ti] && !this.failed[ti]) this.solveEnd(solver, ti, 'min');
    }
  }

  private solveEnd(solver: TableSolver, ti: number, sense: 'min' | 'max'): void {
    const t = this.targets[ti];
    t.cols.forEach((c, i) => (solver.cost[c] = t.coefs[i]));
    const status = solver.solve(sense);
    if (status === 'optimal' || status === 'unbounded') {
      const objective = status === 'optimal' ? solver.objective() + t.constant : sense === 'max' ? Infinity : -Infinity;
      if (sense === 'max') {
        this.obsHi[ti] = Math.max(this.obsHi[ti], objective);
        this.hiDone[ti] = 1;
      } else {
        this.obsLo[ti] = Math.min(this.obsLo[ti], objective);
        this.loDone[ti] = 1;
      }
    } else this.failed[ti] = { status, lo: NaN, hi: NaN, exact: true };
  }

  intervals(): LocalInterval[] {
    return this.targets.map((_, ti) => {
      const f = this.failed[ti];
      if (f) return f;
      if (this.exact(ti)) return { status: 'ok', lo: this.obsLo[ti], hi: this.obsHi[ti], exact: true };
      if (this.wide(ti)) return { status: 'ok', lo: this.obsLo[ti], hi: this.obsHi[ti], exact: false };
      return { status: 'ok', lo: this.boundLo[ti], hi: this.boundHi[ti], exact: false };
    });
  }
}

function signPattern(i: number, round: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(round + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & 1 ? 1 : -1;
}

function boundOf(t: LocalTarget, lb: Float64Array, ub: Float64Array, end: 'lo' | 'hi'): number {
  let s = t.constant;
  t.cols.forEach((c, i) => {
    const a = t.coefs[i];
    s += (a > 0) === (end === 'lo') ? a * lb[c] : a * ub[c];
  });
  return s;
}

/**
 * Valid bounds for every column implied by x >= 0 and the rows (activity-based propagation,
 * repeated until stable). Undefined when the rows cannot all hold.
 */
export function propagateBounds(numCols: number, rows: ReducedRow[]): { lb: Float64Array; ub: Float64Array } | undefined {
  const lb = new Float64Array(numCols);
  const ub = new Float64Array(numCols).fill(Infinity);
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (const row of rows) {
      const tightening = tightenByRow(row, lb, ub);
      if (tightening === 'infeasible') return undefined;
      if (tightening === 'tightened') changed = true;
    }
    if (!changed) break;
  }
  for (let c = 0; c < numCols; c++) if (ub[c] < lb[c]) ub[c] = lb[c];
  return { lb, ub };
}

/** Each column of the row bounded by what the rest of the row can reach, in place. */
function tightenByRow(row: ReducedRow, lb: Float64Array, ub: Float64Array): 'infeasible' | 'tightened' | 'unchanged' {
  const { minFinite, minInf, maxFinite, maxInf } = activityRange(row, lb, ub);
  const upper = row.type === GE ? Infinity : row.rhs;
  const lower = row.type === LE ? -Infinity : row.rhs;
  if (minInf === 0 && minFinite > upper + TOL) return 'infeasible';
  if (maxInf === 0 && maxFinite < lower - TOL) return 'infeasible';
  let changed = false;
  for (let i = 0; i < row.cols.length; i++) {
    const a = row.coefs[i];
    const c = row.cols[i];
    const low = a > 0 ? a * lb[c] : a * ub[c];
    const high = a > 0 ? a * ub[c] : a * lb[c];
    // a*x <= upper - (min activity of the rest)
    const restMinInf = minInf - (low === -Infinity ? 1 : 0);
    if (upper !== Infinity && restMinInf === 0) {
      const limit = (upper - (minFinite - (low === -Infinity ? 0 : low))) / a;
      if (a > 0 && limit < ub[c] - 1e-9) {
        ub[c] = limit;
        changed = true;
      } else if (a < 0 && limit > lb[c] + 1e-9) {
        lb[c] = limit;
        changed = true;
      }
    }
    const restMaxInf = maxInf - (high === Infinity ? 1 : 0);
    if (lower !== -Infinity && restMaxInf === 0) {
      const limit = (lower - (maxFinite - (high === Infinity ? 0 : high))) / a;
      if (a > 0 && limit > lb[c] + 1e-9) {
        lb[c] = limit;
        changed = true;
      } else if (a < 0 && limit < ub[c] - 1e-9) {
        ub[c] = limit;
        changed = true;
      }
    }
    if (lb[c] > ub[c] + TOL) return 'infeasible';
  }
  return changed ? 'tightened' : 'unchanged';
}

/** The row's activity range, each end split into a finite part and a count of infinite terms. */
function activityRange(row: ReducedRow, lb: Float64Array, ub: Float64Array) {
  let minFinite = 0;
  let minInf = 0;
  let maxFinite = 0;
  let maxInf = 0;
  for (let i = 0; i < row.cols.length; i++) {
    const a = row.coefs[i];
    const c = row.cols[i];
    const low = a > 0 ? a * lb[c] : a * ub[c];
    const high = a > 0 ? a * ub[c] : a * lb[c];
    if (low === -Infinity) minInf++;
    else minFinite += low;
    if (high === Infinity) maxInf++;
    else maxFinite += high;
  }
  return { minFinite, minInf, maxFinite, maxInf };
}
