import type { LinearSystem } from '../grid/constraints.js';
import { loadHighs } from '../solver/lp-solver.js';
import { type ComponentOptions, type LocalTarget, type ReducedRow, solveComponentIntervals } from './component-attack.js';

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
  /** Called with every feasible table found: the component's variables and their values. */
  onTable?: (vars: readonly number[], values: Float64Array) => void;
}

export interface AttackResult {
  intervals: TargetInterval[];
  lpSolves: number;
}

export async function attackIntervals(problem: AttackProblem, targets: Expression[], options: AttackOptions): Promise<AttackResult> {
  const { known } = problem;
  const hidden = (v: number) => Number.isNaN(known[v]);
  const intervals: TargetInterval[] = new Array(targets.length);
  const components = new Components(problem.numVars);
  const rows = reduceRows(problem, hidden, components);
  settlePublishedTargets(targets, known, hidden, intervals);
  // a target over several hidden values joins their components
  targets.forEach((t, ti) => {
    if (intervals[ti]) return;
    const hiddenVars = t.vars.filter(hidden);
    for (let i = 1; i < hiddenVars.length; i++) components.union(hiddenVars[0], hiddenVars[i]);
  });

  const targetsByComponent = new Map<number, number[]>();
  targets.forEach((t, ti) => {
    if (intervals[ti]) return;
    pushTo(targetsByComponent, components.find(t.vars.find(hidden)!), ti);
  });
  if (targetsByComponent.size === 0) return { intervals, lpSolves: 0 };
  const rowsByComponent = new Map<number, ReducedRow[]>();
  for (const row of rows) {
    const root = components.find(row.cols[0]);
    if (targetsByComponent.has(root)) pushTo(rowsByComponent, root, row);
  }

  const highs = await loadHighs();
  let lpSolves = 0;
  for (const [root, targetIndices] of targetsByComponent) {
    lpSolves += solveComponent(highs, rowsByComponent.get(root) ?? [], targets, targetIndices, hidden, known, options, intervals);
  }
  return { intervals, lpSolves };
}

/** Union-find over variables: the connected components of the hidden ones. */
class Components {
  private readonly parent: Int32Array;

  constructor(numVars: number) {
    this.parent = new Int32Array(numVars).map((_, i) => i);
  }

  find(a: number): number {
    const parent = this.parent;
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/** Every row with the known values substituted, over the hidden values only; its hidden values join one component. */
function reduceRows(problem: AttackProblem, hidden: (v: number) => boolean, components: Components): ReducedRow[] {
  const { known, system } = problem;
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
    for (let i = 1; i < cols.length; i++) components.union(cols[0], cols[i]);
    rows.push({ cols, coefs, type: system.types[r], rhs: -constant });
  }
  return rows;
}

/** A target over published values only is known exactly. */
function settlePublishedTargets(targets: Expression[], known: Float64Array, hidden: (v: number) => boolean, intervals: TargetInterval[]): void {
  targets.forEach((t, ti) => {
    if (t.vars.some(hidden)) return;
    const value = t.vars.reduce((s, v, i) => s + t.coefs[i] * known[v], 0);
    intervals[ti] = { status: 'ok', lo: value, hi: value, exact: true };
  });
}

function pushTo<T>(lists: Map<number, T[]>, key: number, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
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
  const columns = new LocalColumns();
  const localRows = rows.map((row) => ({ cols: row.cols.map((v) => columns.of(v)), coefs: row.coefs, type: row.type, rhs: row.rhs }));
  const localTargets = targetIndices.map((ti) => localTarget(targets[ti], hidden, known, columns));
  const result = solveComponentIntervals(highs, columns.globalOf.length, localRows, localTargets, componentOptions(options, columns.globalOf));
  targetIndices.forEach((ti, j) => (intervals[ti] = result.intervals[j]));
  return result.lpSolves;
}

/** The component's variables numbered from 0 in the order first met. */
class LocalColumns {
  private readonly colOf = new Map<number, number>();
  readonly globalOf: number[] = [];

  of(v: number): number {
    let c = this.colOf.get(v);
    if (c === undefined) {
      c = this.globalOf.length;
      this.colOf.set(v, c);
      this.globalOf.push(v);
    }
    return c;
  }
}

/** A target over local columns, its published terms folded into the constant. */
function localTarget(t: Expression, hidden: (v: number) => boolean, known: Float64Array, columns: LocalColumns): LocalTarget {
  const out: LocalTarget = { cols: [], coefs: [], constant: 0 };
  t.vars.forEach((v, i) => {
    if (hidden(v)) {
      out.cols.push(columns.of(v));
      out.coefs.push(t.coefs[i]);
    } else out.constant += t.coefs[i] * known[v];
  });
  return out;
}

/** The observed ranges by local column, and every feasible table found written back to them. */
function componentOptions(options: AttackOptions, globalOf: number[]): ComponentOptions {
  const { observed, onTable } = options;
  return {
    need: options.need,
    exactNarrow: options.exactNarrow ?? true,
    observedLo: observed && Float64Array.from(globalOf, (v) => observed.lo[v]),
    observedHi: observed && Float64Array.from(globalOf, (v) => observed.hi[v]),
    onPoint:
      (observed || onTable) &&
      ((x) => {
        if (observed) {
          globalOf.forEach((v, c) => {
            if (x[c] < observed.lo[v]) observed.lo[v] = x[c];
            if (x[c] > observed.hi[v]) observed.hi[v] = x[c];
          });
        }
        onTable?.(globalOf, x);
      }),
  };
}
