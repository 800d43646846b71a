import type { LinearSystem } from './constraints.js';
import { type LocalTarget, type ReducedRow, solveComponentIntervals } from './component-attack.js';
import { loadHighs } from './lp-solver.js';

// The interval attack: with everything published fixed, how far can a hidden value move in any
// table (LP relaxation) that satisfies every relation the attacker knows?
//
// Splitting is exact: once published values are substituted, the relations fall apart into
// connected components of the hidden variables. The feasible set is the product of the
// components' feasible sets, so the range of a hidden value depends only on its own component.
// With the scope totals published, each dimension's table (often each category column) is its
// own component; a suppressed total links the tables it belongs to, and then they are solved
// together, as they must be.

export interface Expression {
  vars: number[];
  coefs: number[];
}

export interface AttackProblem {
  numVars: number;
  /** published (or otherwise known) values; NaN marks a hidden variable */
  known: Float64Array;
  system: LinearSystem;
}

export interface TargetInterval {
  status: 'ok' | 'infeasible' | 'failed';
  lo: number;
  hi: number;
  /**
   * false when [lo, hi] is not the exact interval: either a range two feasible tables span (the
   * interval is at least that wide) or valid bounds (the interval lies inside them).
   */
  exact: boolean;
}

export interface AttackOptions {
  /** the protection width; used only with `observed` */
  need: number;
  /**
   * Per-variable range seen in tables known to be feasible (the truth, earlier LP solutions,
   * protection certificates). A single-variable target already seen spanning `need` is skipped.
   * Updated in place with every LP solution.
   */
  observed?: { lo: Float64Array; hi: Float64Array };
  /** Solve exact intervals for values found narrow (default true; the builder does not need them). */
  exactNarrow?: boolean;
}

export interface AttackResult {
  intervals: TargetInterval[];
  lpSolves: number;
}


export async function attackIntervals(problem: AttackProblem, targets: Expression[], options: AttackOptions): Promise<AttackResult> {
  const { known, system } = problem;
  const hidden = (v: number) => Number.isNaN(known[v]);
  const intervals: TargetInterval[] = new Array(targets.length);

  // Union-find over hidden variables, through rows and through multi-variable targets.
  const parent = new Int32Array(problem.numVars).map((_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };

  const rows: ReducedRow[] = [];
  for (let r = 0; r < system.rowCount; r++) {
    const cols: number[] = [];
    const coefs: number[] = [];
    let constant = 0;
    for (let p = system.starts[r]; p < system.starts[r + 1]; p++) {
      const v = system.vars[p];
      if (hidden(v)) {
        cols.push(v);
        coefs.push(system.coefs[p]);
      } else constant += system.coefs[p] * known[v];
    }
    if (cols.length === 0) continue;
    for (let i = 1; i < cols.length; i++) union(cols[0], cols[i]);
    rows.push({ cols, coefs, type: system.types[r], rhs: -constant });
  }

  const targetsByComponent = new Map<number, number[]>();
  targets.forEach((t, ti) => {
    const hiddenVars = t.vars.filter(hidden);
    if (hiddenVars.length === 0) {
      const value = t.vars.reduce((s, v, i) => s + t.coefs[i] * known[v], 0);
      intervals[ti] = { status: 'ok', lo: value, hi: value, exact: true };
      return;
    }
    for (let i = 1; i < hiddenVars.length; i++) union(hiddenVars[0], hiddenVars[i]);
  });
  targets.forEach((t, ti) => {
    if (intervals[ti]) return;
    const root = find(t.vars.find(hidden)!);
    const list = targetsByComponent.get(root);
    if (list) list.push(ti);
    else targetsByComponent.set(root, [ti]);
  });
  if (targetsByComponent.size === 0) return { intervals, lpSolves: 0 };

  const rowsByComponent = new Map<number, ReducedRow[]>();
  for (const row of rows) {
    const root = find(row.cols[0]);
    if (!targetsByComponent.has(root)) continue;
    const list = rowsByComponent.get(root);
    if (list) list.push(row);
    else rowsByComponent.set(root, [row]);
  }

  const highs = await loadHighs();
  let lpSolves = 0;
  for (const [root, targetIndices] of targetsByComponent) {
    lpSolves += solveComponent(highs, rowsByComponent.get(root) ?? [], targets, targetIndices, hidden, known, options, intervals);
  }
  return { intervals, lpSolves };
}

function solveComponent(
  highs: Awaited<ReturnType<typeof loadHighs>>,
  rows: ReducedRow[],
  targets: Expression[],
  targetIndices: number[],
  hidden: (v: number) => boolean,
  known: Float64Array,
  options: AttackOptions,
  intervals: TargetInterval[],
): number {
  const colOf = new Map<number, number>();
  const globalOf: number[] = [];
  const local = (v: number) => {
    let c = colOf.get(v);
    if (c === undefined) {
      c = globalOf.length;
      colOf.set(v, c);
      globalOf.push(v);
    }
    return c;
  };
  const localRows = rows.map((row) => ({ cols: row.cols.map(local), coefs: row.coefs, type: row.type, rhs: row.rhs }));
  const localTargets: LocalTarget[] = targetIndices.map((ti) => {
    const t = targets[ti];
    const out: LocalTarget = { cols: [], coefs: [], constant: 0 };
    t.vars.forEach((v, i) => {
      if (hidden(v)) {
        out.cols.push(local(v));
        out.coefs.push(t.coefs[i]);
      } else out.constant += t.coefs[i] * known[v];
    });
    return out;
  });
  const observed = options.observed;
  const result = solveComponentIntervals(highs, globalOf.length, localRows, localTargets, {
    need: options.need,
    exactNarrow: options.exactNarrow ?? true,
    observedLo: observed && Float64Array.from(globalOf, (v) => observed.lo[v]),
    observedHi: observed && Float64Array.from(globalOf, (v) => observed.hi[v]),
    onPoint:
      observed &&
      ((x) => {
        globalOf.forEach((v, c) => {
          if (x[c] < observed.lo[v]) observed.lo[v] = x[c];
          if (x[c] > observed.hi[v]) observed.hi[v] = x[c];
        });
      }),
  });
  targetIndices.forEach((ti, j) => (intervals[ti] = result.intervals[j]));
  return result.lpSolves;
}
