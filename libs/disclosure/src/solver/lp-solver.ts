import highsExport from 'highs';
import type { Highs, Model } from 'highs';

// HiGHS compiled to WebAssembly. Loading is async and costs ~40 ms, so it happens once per process.
// Under nodenext the package's types read as CommonJS (default = module object) while Node loads
// its ESM build (default = the loader), so accept both shapes.
type HighsLoader = () => Promise<Highs>;
const loaderExport = highsExport as unknown as HighsLoader | { default: HighsLoader };
const highsLoader: HighsLoader = typeof loaderExport === 'function' ? loaderExport : loaderExport.default;
let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  return (loading ??= highsLoader());
}

export interface SparseLp {
  numCols: number;
  colLower: Float64Array;
  colUpper: Float64Array;
  colCost: Float64Array;
  rowStarts: number[];
  rowIndex: number[];
  rowValue: number[];
  rowLower: number[];
  rowUpper: number[];
}

export type SolveStatus = 'optimal' | 'infeasible' | 'unbounded' | 'failed';

export interface LpOptions {
  /** 'primal' suits repeated objective changes (the attack), 'dual' repeated bound changes. */
  simplex: 'primal' | 'dual';
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

/**
 * One constraint set kept in the solver while objectives and bounds change, so that every solve
 * starts from the previous basis (presolve off: it would throw the basis away).
 */
export class PersistentLp {
  private readonly model: Model;
  solves = 0;

  constructor(
    private readonly highs: Highs,
    lp: SparseLp,
    private readonly options: LpOptions,
  ) {
    const numRows = lp.rowLower.length;
    this.model = highs.createModel({
      numCols: lp.numCols,
      numRows,
      colCost: lp.colCost,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower,
      rowUpper: lp.rowUpper,
      // Column-wise: HiGHS' simplex runs several times faster than on a row-wise matrix.
      matrix: toColumnWise(lp, numRows),
    });
    this.configure();
  }

  private configure(): void {
    this.model.options.set({
      output_flag: false,
      presolve: 'off',
      simplex_strategy: this.options.simplex === 'primal' ? 4 : 1,
    });
  }

  get infinity(): number {
    return this.highs.infinity;
  }

  setCost(col: number, cost: number): void {
    this.model.changeColCost(col, cost);
  }

  /** Replaces the whole objective. */
  setCosts(costs: Float64Array): void {
    if (costs.length > 0) this.model.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, costs);
  }

  setBounds(col: number, lower: number, upper: number): void {
    this.model.changeColBounds(col, lower, upper);
  }

  /** `cold`: the objective changed completely, so start afresh (presolve + dual simplex). */
  solve(sense: 'min' | 'max', cold = false): SolveStatus {
    const { objectiveSense } = this.highs.constants;
    this.model.changeObjectiveSense(sense === 'min' ? objectiveSense.minimize : objectiveSense.maximize);
    const fresh = cold || this.solves === 0;
    if (fresh) {
      // From scratch presolve + dual simplex is fastest; its final basis then warms later solves.
      this.model.clearSolver();
      this.model.options.set({ presolve: 'on', simplex_strategy: 1 });
    }
    let status = this.run();
    if (fresh) this.configure();
    if (status === UNBOUNDED_OR_INFEASIBLE || (status !== OPTIMAL && status !== INFEASIBLE && status !== UNBOUNDED)) {
      // Ambiguous or numerical trouble: retry cold with HiGHS' own choices before giving up.
      this.model.clearSolver();
      this.model.options.set({ presolve: 'on', simplex_strategy: 0 });
      status = this.run();
      this.configure();
      this.model.clearSolver();
    }
    if (status === OPTIMAL) return 'optimal';
    if (status === INFEASIBLE) return 'infeasible';
    if (status === UNBOUNDED) return 'unbounded';
    return 'failed';
  }

  private run(): number {
    this.solves++;
    try {
      return this.model.run().modelStatus;
    } catch {
      return -1;
    }
  }

  objective(): number {
    return this.model.getObjectiveValue();
  }

  values(): Float64Array {
    return Float64Array.from(this.model.getSolution().colValue);
  }

  dispose(): void {
    this.model.dispose();
  }
}

function toColumnWise(lp: SparseLp, numRows: number) {
  const starts = new Int32Array(lp.numCols + 1);
  for (const c of lp.rowIndex) starts[c + 1]++;
  for (let c = 0; c < lp.numCols; c++) starts[c + 1] += starts[c];
  const next = starts.slice(0, lp.numCols);
  const indices = new Int32Array(lp.rowIndex.length);
  const values = new Float64Array(lp.rowIndex.length);
  for (let r = 0; r < numRows; r++) {
    for (let p = lp.rowStarts[r]; p < lp.rowStarts[r + 1]; p++) {
      const at = next[lp.rowIndex[p]]++;
      indices[at] = r;
      values[at] = lp.rowValue[p];
    }
  }
  return { format: 'csc' as const, numRows, numCols: lp.numCols, starts, indices, values };
}
