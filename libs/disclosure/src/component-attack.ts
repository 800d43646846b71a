import { GE, LE } from './constraints.js';
import { type loadHighs, PersistentLp } from './lp-solver.js';

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
  const { lb, ub } = bounds;
  const need = options.need - 1e-7;

  const obsLo = new Float64Array(targets.length).fill(Infinity);
  const obsHi = new Float64Array(targets.length).fill(-Infinity);
  const loDone = new Uint8Array(targets.length);
  const hiDone = new Uint8Array(targets.length);
  const failed = new Array<LocalInterval | undefined>(targets.length);
  const boundLo = targets.map((t) => boundOf(t, lb, ub, 'lo'));
  const boundHi = targets.map((t) => boundOf(t, lb, ub, 'hi'));
  const value = (t: LocalTarget, x: Float64Array) => t.cols.reduce((s, c, i) => s + t.coefs[i] * x[c], t.constant);

  if (options.observedLo && options.observedHi) {
    targets.forEach((t, ti) => {
      if (t.cols.length !== 1 || t.coefs[0] !== 1) return;
      obsLo[ti] = Math.min(obsLo[ti], options.observedLo![t.cols[0]] + t.constant);
      obsHi[ti] = Math.max(obsHi[ti], options.observedHi![t.cols[0]] + t.constant);
    });
  }
  const markBounds = (ti: number) => {
    if (obsLo[ti] <= boundLo[ti] + TOL) loDone[ti] = 1;
    if (obsHi[ti] >= boundHi[ti] - TOL) hiDone[ti] = 1;
  };
  targets.forEach((_, ti) => markBounds(ti));
  const exact = (ti: number) => loDone[ti] === 1 && hiDone[ti] === 1;
  const wide = (ti: number) => obsHi[ti] - obsLo[ti] >= need;
  const narrowByBounds = (ti: number) => boundHi[ti] - boundLo[ti] < need;
  const settled = (ti: number) => failed[ti] !== undefined || exact(ti) || wide(ti) || narrowByBounds(ti);
  const open = () => targets.map((_, ti) => ti).filter((ti) => !settled(ti));
  const narrowOpen = () =>
    options.exactNarrow ? targets.map((_, ti) => ti).filter((ti) => !failed[ti] && !exact(ti) && !wide(ti) && narrowByBounds(ti)) : [];

  let pending = open();
  if (pending.length === 0 && narrowOpen().length === 0) return { intervals: finish(), lpSolves: 0 };

  const rowStarts = [0];
  const rowIndex: number[] = [];
  const rowValue: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const inf = highs.infinity;
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
  const lp = new PersistentLp(
    highs,
    {
      numCols,
      colLower: Float64Array.from(lb),
      colUpper: Float64Array.from(ub, (u) => (u === Infinity ? inf : u)),
      colCost: new Float64Array(numCols),
      rowStarts,
      rowIndex,
      rowValue,
      rowLower,
      rowUpper,
    },
    { simplex: 'primal' },
  );
  const cost = new Float64Array(numCols);
  const solve = (sense: 'min' | 'max', cold = false) => {
    lp.setCosts(cost);
    const status = lp.solve(sense, cold);
    cost.fill(0);
    if (status !== 'optimal') return status;
    const x = lp.values();
    options.onPoint?.(x);
    targets.forEach((t, ti) => {
      const v = value(t, x);
      if (v < obsLo[ti]) obsLo[ti] = v;
      if (v > obsHi[ti]) obsHi[ti] = v;
      markBounds(ti);
    });
    return status;
  };
  const solveOne = (ti: number, sense: 'min' | 'max') => {
    const t = targets[ti];
    t.cols.forEach((c, i) => (cost[c] = t.coefs[i]));
    const status = solve(sense);
    if (status === 'optimal' || status === 'unbounded') {
      const objective = status === 'optimal' ? lp.objective() + t.constant : sense === 'max' ? Infinity : -Infinity;
      if (sense === 'max') {
        obsHi[ti] = Math.max(obsHi[ti], objective);
        hiDone[ti] = 1;
      } else {
        obsLo[ti] = Math.min(obsLo[ti], objective);
        loDone[ti] = 1;
      }
    } else failed[ti] = { status, lo: NaN, hi: NaN, exact: true };
  };

  try {
    // Opposite pairs of tables: each open value pushed up in one and down in the other, under a
    // few fixed sign patterns (a deterministic hash of the target's position, no randomness).
    for (let round = 0; round < 4 && pending.length >= 2; round++) {
      const before = pending.length;
      for (const ti of pending) {
        const sign = signPattern(ti, round);
        targets[ti].cols.forEach((c, i) => (cost[c] += sign * targets[ti].coefs[i]));
      }
      const saved = Float64Array.from(cost);
      if (solve('max', true) !== 'optimal') break;
      cost.set(saved);
      if (solve('min', true) !== 'optimal') break;
      pending = open();
      if (pending.length > before * 0.8) break;
    }
    for (const ti of pending) {
      if (!settled(ti)) solveOne(ti, 'max');
      if (!settled(ti)) solveOne(ti, 'min');
    }
    for (const ti of narrowOpen()) {
      if (!hiDone[ti] && !failed[ti]) solveOne(ti, 'max');
      if (!loDone[ti] && !failed[ti]) solveOne(ti, 'min');
    }
    return { intervals: finish(), lpSolves: lp.solves };
  } finally {
    lp.dispose();
  }

  function finish(): LocalInterval[] {
    return targets.map((_, ti) => {
      const f = failed[ti];
      if (f) return f;
      if (exact(ti)) return { status: 'ok', lo: obsLo[ti], hi: obsHi[ti], exact: true };
      if (wide(ti)) return { status: 'ok', lo: obsLo[ti], hi: obsHi[ti], exact: false };
      return { status: 'ok', lo: boundLo[ti], hi: boundHi[ti], exact: false };
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
      // Activity range split into a finite part and a count of infinite terms.
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
      const upper = row.type === GE ? Infinity : row.rhs;
      const lower = row.type === LE ? -Infinity : row.rhs;
      if (minInf === 0 && minFinite > upper + TOL) return undefined;
      if (maxInf === 0 && maxFinite < lower - TOL) return undefined;
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
        if (lb[c] > ub[c] + TOL) return undefined;
      }
    }
    if (!changed) break;
  }
  for (let c = 0; c < numCols; c++) if (ub[c] < lb[c]) ub[c] = lb[c];
  return { lb, ub };
}
