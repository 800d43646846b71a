import type { GridTruth } from './cells.js';
import { GE, LE } from './constraints.js';
import { loadHighs, PersistentLp } from './lp-solver.js';
import type { ReleaseContext } from './release-context.js';

// The certificate behind a suppression (Fischetti & Salazar-Gonzalez): a hidden value is safe when
// a second table, consistent with everything published, differs from the true one on it by at
// least k. This LP looks for the cheapest such table: each current cell may move from its true
// value x to x + p - n, at a cost per unit of movement that is tiny for cells already suppressed
// and grows with the size of the cell otherwise. The cells that move are the partners to suppress.
// Earlier releases enter with their published values fixed and their hidden cells free.

const ALREADY_SUPPRESSED_COST = 1e-3;

export interface ProtectionRequest {
  /** current cells that must rise by `amount` (lower bound on p), or fall (lower bound on n) */
  moves: { cell: number; direction: 'up' | 'down' | 'fixed'; amount?: number }[];
  /** hidden cells of earlier releases (joint variable ids) that must reach at least `atLeast` */
  priorAtLeast?: { variable: number; atLeast: number };
}

export class ProtectionLp {
  private readonly lp: PersistentLp;
  /** column of p for current cell i (n is the next column), -1 for zero cells (never moved) */
  private readonly pCol: Int32Array;
  /** column per hidden variable of an earlier release, -1 otherwise */
  private readonly zCol: Int32Array;
  private readonly zVars: number[] = [];

  private constructor(
    private readonly ctx: ReleaseContext,
    private readonly truth: GridTruth,
    private readonly cost: Float64Array,
    highs: Awaited<ReturnType<typeof loadHighs>>,
  ) {
    const { grid, system } = ctx;
    const size = grid.size;
    this.pCol = new Int32Array(size).fill(-1);
    this.zCol = new Int32Array(ctx.numVars).fill(-1);
    let numCols = 0;
    for (let i = 0; i < size; i++) {
      if (truth.count[i] > 0) {
        this.pCol[i] = numCols;
        numCols += 2;
      }
    }
    const priorValue = new Float64Array(ctx.numVars);
    for (const prior of ctx.priors) {
      for (let i = 0; i < size; i++) {
        const v = prior.offset + i;
        priorValue[v] = prior.published[i];
        if (Number.isNaN(prior.published[i])) {
          this.zCol[v] = numCols++;
          this.zVars.push(v);
        }
      }
    }
    const inf = highs.infinity;
    const rowStarts = [0];
    const rowIndex: number[] = [];
    const rowValue: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (let r = 0; r < system.rowCount; r++) {
      let constant = 0;
      const start = rowIndex.length;
      for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
        const v = system.vars[q];
        const a = system.coefs[q];
        if (v < size) {
          constant += a * truth.count[v];
          if (this.pCol[v] >= 0) {
            rowIndex.push(this.pCol[v], this.pCol[v] + 1);
            rowValue.push(a, -a);
          }
        } else if (this.zCol[v] >= 0) {
          rowIndex.push(this.zCol[v]);
          rowValue.push(a);
        } else constant += a * priorValue[v];
      }
      if (rowIndex.length === start) continue;
      rowStarts.push(rowIndex.length);
      const t = system.types[r];
      rowLower.push(t === LE ? -inf : -constant);
      rowUpper.push(t === GE ? inf : -constant);
    }
    const colLower = new Float64Array(numCols);
    const colUpper = new Float64Array(numCols).fill(inf);
    const colCost = new Float64Array(numCols);
    for (let i = 0; i < size; i++) {
      const c = this.pCol[i];
      if (c < 0) continue;
      colUpper[c + 1] = truth.count[i];
      colCost[c] = colCost[c + 1] = cost[i];
    }
    this.lp = new PersistentLp(highs, { numCols, colLower, colUpper, colCost, rowStarts, rowIndex, rowValue, rowLower, rowUpper }, { simplex: 'dual' });
  }

  static async create(ctx: ReleaseContext, truth: GridTruth, cost: Float64Array): Promise<ProtectionLp> {
    return new ProtectionLp(ctx, truth, cost, await loadHighs());
  }

  get solves(): number {
    return this.lp.solves;
  }

  /** A suppressed cell moves for (almost) free in later certificates. */
  markSuppressed(cell: number): void {
    const c = this.pCol[cell];
    if (c < 0) return;
    this.lp.setCost(c, ALREADY_SUPPRESSED_COST);
    this.lp.setCost(c + 1, ALREADY_SUPPRESSED_COST);
  }

  /**
   * The cheapest table meeting the request, as values of every joint variable (current cells and
   * hidden cells of earlier releases; published earlier cells keep NaN), or undefined if none.
   */
  certify(request: ProtectionRequest): Float64Array | undefined {
    const inf = this.lp.infinity;
    const touched: number[] = [];
    for (const m of request.moves) {
      const c = this.pCol[m.cell];
      if (c < 0) {
        if (m.direction === 'fixed') continue;
        return undefined;
      }
      touched.push(m.cell);
      const amount = m.amount ?? 0;
      if (m.direction === 'up') {
        this.lp.setBounds(c, amount, inf);
        this.lp.setBounds(c + 1, 0, 0);
      } else if (m.direction === 'down') {
        if (this.truth.count[m.cell] < amount) {
          this.resetBounds(touched);
          return undefined;
        }
        this.lp.setBounds(c, 0, 0);
        this.lp.setBounds(c + 1, amount, this.truth.count[m.cell]);
      } else {
        this.lp.setBounds(c, 0, 0);
        this.lp.setBounds(c + 1, 0, 0);
      }
    }
    const z = request.priorAtLeast ? this.zCol[request.priorAtLeast.variable] : -1;
    if (request.priorAtLeast && z < 0) {
      this.resetBounds(touched);
      return undefined;
    }
    if (z >= 0) this.lp.setBounds(z, request.priorAtLeast!.atLeast, inf);
    const status = this.lp.solve('min');
    let certificate: Float64Array | undefined;
    if (status === 'optimal') certificate = this.certificateFrom(this.lp.values());
    this.resetBounds(touched);
    if (z >= 0) this.lp.setBounds(z, 0, inf);
    return certificate;
  }

  private resetBounds(cells: number[]): void {
    for (const cell of cells) {
      const c = this.pCol[cell];
      this.lp.setBounds(c, 0, this.lp.infinity);
      this.lp.setBounds(c + 1, 0, this.truth.count[cell]);
    }
  }

  private certificateFrom(values: Float64Array): Float64Array {
    const out = new Float64Array(this.ctx.numVars).fill(NaN);
    for (let i = 0; i < this.ctx.grid.size; i++) {
      const c = this.pCol[i];
      out[i] = c < 0 ? 0 : this.truth.count[i] + clean(values[c] - values[c + 1]);
    }
    for (const v of this.zVars) out[v] = clean(values[this.zCol[v]]);
    return out;
  }

  dispose(): void {
    this.lp.dispose();
  }
}

function clean(x: number): number {
  return Math.abs(x) < 1e-7 ? 0 : x;
}
