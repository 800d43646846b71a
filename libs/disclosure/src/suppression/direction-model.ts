import type { GridTruth } from '../grid/cell-grid.js';
import { EQ, GE, LE, type LinearSystem } from '../grid/constraints.js';
import type { ReleaseContext } from '../grid/release-context.js';
import { type loadHighs, PersistentLp, type SparseLp } from '../solver/lp-solver.js';

// The LP behind a certificate for one (set of movable cells, alpha): the direction d, split into
// its up and down parts, keeping both tables x + beta * d and x - alpha * d consistent with every
// relation (see protection-lp.ts for the reasoning).

const ALREADY_SUPPRESSED_COST = 1e-3;

export interface Certificate {
  upper: Float64Array;
  lower: Float64Array;
}

/** A row of the system read at the truth: its activity there, its moving and its hidden terms. */
interface RowAtTruth {
  /** activity of the current cells and of the published cells of earlier releases */
  atTruth: number;
  /** [direction column, coefficient] of each cell that may move */
  moving: [number, number][];
  /** [variable, coefficient] of each hidden cell of an earlier release */
  hidden: [number, number][];
}

export class DirectionModel {
  private readonly lp: PersistentLp;
  private readonly pCol: Int32Array;
  private readonly zCols = new Map<number, [number, number]>();
  readonly beta: number;

  constructor(
    highs: Awaited<ReturnType<typeof loadHighs>>,
    private readonly ctx: ReleaseContext,
    private readonly truth: GridTruth,
    movable: (cell: number) => boolean,
    readonly alpha: number,
    cost: Float64Array,
    suppressed: (cell: number) => boolean,
  ) {
    const { grid, system } = ctx;
    this.beta = 1 - alpha;
    const lp = new SparseLpBuilder(highs.infinity);
    this.pCol = this.addDirectionColumns(lp, movable, cost, suppressed);
    const priorValue = publishedPriorValues(ctx);
    const isHidden = (v: number) => v >= grid.size && Number.isNaN(priorValue[v]);
    const included = rowsToKeep(system, grid.size, this.pCol, isHidden);
    for (let r = 0; r < system.rowCount; r++) {
      if (!included[r]) continue;
      const row = this.rowAtTruth(r, priorValue, isHidden);
      if (row.hidden.length === 0) this.addSlackRow(lp, row, system.types[r]);
      else this.addRowPerTable(lp, row, system.types[r]);
    }
    this.lp = new PersistentLp(highs, lp.build(), { simplex: 'dual' });
  }

  /** Two columns per cell that may move (d's up and down parts); -1 for the cells that stay. */
  private addDirectionColumns(
    lp: SparseLpBuilder,
    movable: (cell: number) => boolean,
    cost: Float64Array,
    suppressed: (cell: number) => boolean,
  ): Int32Array {
    const size = this.ctx.grid.size;
    const pCol = new Int32Array(size).fill(-1);
    for (let i = 0; i < size; i++) {
      const x = this.truth.count[i];
      // A zero moves only when it is hidden (a zero beside an attribute cell); published zeros stay.
      if ((x === 0 && !suppressed(i)) || !movable(i)) continue;
      pCol[i] = lp.numCols;
      const w = suppressed(i) ? ALREADY_SUPPRESSED_COST : cost[i];
      lp.addColumn(0, this.alpha > 0 ? x / this.alpha : lp.infinity, w);
      lp.addColumn(0, this.beta > 0 ? x / this.beta : lp.infinity, w);
    }
    return pCol;
  }

  private rowAtTruth(r: number, priorValue: Float64Array, isHidden: (v: number) => boolean): RowAtTruth {
    const { system, grid } = this.ctx;
    let atTruth = 0;
    const moving: [number, number][] = [];
    const hidden: [number, number][] = [];
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      const a = system.coefs[q];
      if (v < grid.size) {
        atTruth += a * this.truth.count[v];
        if (this.pCol[v] >= 0) moving.push([this.pCol[v], a]);
      } else if (isHidden(v)) hidden.push([v, a]);
      else atTruth += a * priorValue[v];
    }
    return { atTruth, moving, hidden };
  }

  /** Rows hold at the truth, so with s the slack: -s/alpha <= a.d <= s/beta (signs per type). */
  private addSlackRow(lp: SparseLpBuilder, { atTruth, moving }: RowAtTruth, type: number): void {
    const inf = lp.infinity;
    for (const [c, a] of moving) {
      lp.addTerm(c, a);
      lp.addTerm(c + 1, -a);
    }
    if (type === EQ) lp.endRow(0, 0);
    else {
      const slack = Math.max(0, type === LE ? -atTruth : atTruth);
      const down = this.alpha > 0 ? slack / this.alpha : inf;
      const up = this.beta > 0 ? slack / this.beta : inf;
      if (type === LE) lp.endRow(-down, up);
      else lp.endRow(-up, down);
    }
  }

  /** With hidden earlier cells: the row for each table, each with its own copy of them. */
  private addRowPerTable(lp: SparseLpBuilder, { atTruth, moving, hidden }: RowAtTruth, type: number): void {
    const inf = lp.infinity;
    for (const [scale, copy] of [
      [this.beta, 0],
      [-this.alpha, 1],
    ] as const) {
      for (const [c, a] of moving) {
        if (scale === 0) continue;
        lp.addTerm(c, scale * a);
        lp.addTerm(c + 1, -scale * a);
      }
      for (const [v, a] of hidden) lp.addTerm(this.hiddenColumns(lp, v)[copy], a);
      const rhs = -atTruth;
      lp.endRow(type === LE ? -inf : rhs, type === GE ? inf : rhs);
    }
  }

  /** The free columns of a hidden earlier cell, one per table, made on first use. */
  private hiddenColumns(lp: SparseLpBuilder, v: number): [number, number] {
    let cols = this.zCols.get(v);
    if (!cols) {
      cols = [lp.numCols, lp.numCols + 1];
      lp.addColumn(0, lp.infinity, 0);
      lp.addColumn(0, lp.infinity, 0);
      this.zCols.set(v, cols);
    }
    return cols;
  }

  get solves(): number {
    return this.lp.solves;
  }

  canMove(cell: number): boolean {
    return this.pCol[cell] >= 0;
  }

  markSuppressed(cell: number): void {
    const c = this.pCol[cell];
    if (c < 0) return;
    this.lp.setCost(c, ALREADY_SUPPRESSED_COST);
    this.lp.setCost(c + 1, ALREADY_SUPPRESSED_COST);
  }

  /** d[cell] >= amount (up) or <= -amount (down), every other listed cell held. */
  certify(moves: { cell: number; d: 'up' | 'down' | 'hold'; amount?: number }[]): Certificate | undefined {
    const inf = this.lp.infinity;
    for (const m of moves) if (this.pCol[m.cell] < 0 && m.d !== 'hold') return undefined;
    const restore: [number, number, number][] = [];
    const set = (col: number, lo: number, hi: number, oldHi: number) => {
      this.lp.setBounds(col, lo, hi);
      restore.push([col, 0, oldHi]);
    };
    for (const m of moves) {
      const c = this.pCol[m.cell];
      if (c < 0) continue;
      const x = this.truth.count[m.cell];
      const pHi = this.alpha > 0 ? x / this.alpha : inf;
      const nHi = this.beta > 0 ? x / this.beta : inf;
      const amount = m.amount ?? 0;
      if (m.d === 'up' && amount > pHi + 1e-9) return this.undo(restore);
      if (m.d === 'down' && amount > nHi + 1e-9) return this.undo(restore);
      set(c, m.d === 'up' ? amount : 0, m.d === 'up' ? pHi : 0, pHi);
      set(c + 1, m.d === 'down' ? amount : 0, m.d === 'down' ? nHi : 0, nHi);
    }
    const status = this.lp.solve('min');
    const certificate = status === 'optimal' ? this.certificateFrom(this.lp.values()) : undefined;
    this.undo(restore);
    return certificate;
  }

  /**
   * An earlier release's hidden value at most `low` in the lower table and at least `low + amount`
   * in the upper one; undefined when this model does not reach it or no such pair exists.
   */
  certifyHidden(variable: number, low: number, amount: number): Certificate | undefined {
    const cols = this.zCols.get(variable);
    if (!cols) return undefined;
    const inf = this.lp.infinity;
    const [upperCol, lowerCol] = cols;
    this.lp.setBounds(upperCol, Math.max(0, low + amount), inf);
    this.lp.setBounds(lowerCol, 0, Math.max(0, low));
    const status = this.lp.solve('min');
    const certificate = status === 'optimal' ? this.certificateFrom(this.lp.values()) : undefined;
    this.lp.setBounds(upperCol, 0, inf);
    this.lp.setBounds(lowerCol, 0, inf);
    return certificate;
  }

  private undo(restore: [number, number, number][]): undefined {
    for (const [col, lo, hi] of restore) this.lp.setBounds(col, lo, hi);
    return undefined;
  }

  private certificateFrom(values: Float64Array): Certificate {
    const upper = new Float64Array(this.ctx.numVars).fill(NaN);
    const lower = new Float64Array(this.ctx.numVars).fill(NaN);
    const size = this.ctx.grid.size;
    for (let i = 0; i < size; i++) {
      const x = this.truth.count[i];
      const c = this.pCol[i];
      const d = c < 0 ? 0 : clean(values[c] - values[c + 1]);
      upper[i] = x + this.beta * d;
      lower[i] = x - this.alpha * d;
    }
    for (const [v, [z1, z2]] of this.zCols) {
      upper[v] = clean(values[z1]);
      lower[v] = clean(values[z2]);
    }
    return { upper, lower };
  }

  dispose(): void {
    this.lp.dispose();
  }
}

/** Values of the earlier releases' cells by variable; NaN where hidden (and for the current release). */
function publishedPriorValues(ctx: ReleaseContext): Float64Array {
  const priorValue = new Float64Array(ctx.numVars).fill(NaN);
  for (const prior of ctx.priors) priorValue.set(prior.published, prior.offset);
  return priorValue;
}

/**
 * Rows to keep: those moving a cell, plus every row reaching their hidden earlier cells
 * (transitively), so that both tables stay consistent with the earlier releases too.
 */
function rowsToKeep(system: LinearSystem, size: number, pCol: Int32Array, isHidden: (v: number) => boolean): Uint8Array {
  const included = new Uint8Array(system.rowCount);
  const rowsOfHidden = new Map<number, number[]>();
  const reached = new Set<number>();
  const queue: number[] = [];
  for (let r = 0; r < system.rowCount; r++) {
    let moves = false;
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      if (v < size && pCol[v] >= 0) moves = true;
      else if (isHidden(v)) {
        const list = rowsOfHidden.get(v);
        if (list) list.push(r);
        else rowsOfHidden.set(v, [r]);
      }
    }
    if (moves) {
      included[r] = 1;
      queue.push(r);
    }
  }
  while (queue.length > 0) {
    const r = queue.pop()!;
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      if (!isHidden(v) || reached.has(v)) continue;
      reached.add(v);
      for (const other of rowsOfHidden.get(v) ?? []) {
        if (included[other]) continue;
        included[other] = 1;
        queue.push(other);
      }
    }
  }
  return included;
}

/** Columns and rows collected in the order HiGHS will number them. */
class SparseLpBuilder {
  private readonly colLower: number[] = [];
  private readonly colUpper: number[] = [];
  private readonly colCost: number[] = [];
  private readonly rowStarts = [0];
  private readonly rowIndex: number[] = [];
  private readonly rowValue: number[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];

  constructor(readonly infinity: number) {}

  get numCols(): number {
    return this.colLower.length;
  }

  addColumn(lower: number, upper: number, cost: number): void {
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.colCost.push(cost);
  }

  /** A term of the row being written. */
  addTerm(col: number, value: number): void {
    this.rowIndex.push(col);
    this.rowValue.push(value);
  }

  endRow(lower: number, upper: number): void {
    this.rowStarts.push(this.rowIndex.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  build(): SparseLp {
    return {
      numCols: this.colLower.length,
      colLower: Float64Array.from(this.colLower),
      colUpper: Float64Array.from(this.colUpper),
      colCost: Float64Array.from(this.colCost),
      rowStarts: this.rowStarts,
      rowIndex: this.rowIndex,
      rowValue: this.rowValue,
      rowLower: this.rowLower,
      rowUpper: this.rowUpper,
    };
  }
}

function clean(x: number): number {
  return Math.abs(x) < 1e-7 ? 0 : x;
}
