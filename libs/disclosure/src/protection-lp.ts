import type { GridTruth } from './cells.js';
import { EQ, GE, LE } from './constraints.js';
import { loadHighs, PersistentLp } from './lp-solver.js';
import type { ReleaseContext } from './release-context.js';

// The certificate behind a suppression (Fischetti & Salazar-Gonzalez): a hidden value is safe when
// two tables, both consistent with everything published, differ on it by at least k. We look for
// them along one direction d from the true table x:
//   upper = x + beta * d,  lower = x - alpha * d,  alpha + beta = 1,  d_t >= k,
// with alpha = min(x_t, k) / k so that the target itself can fall to 0 and rise by the rest.
// Splitting the move both ways lets small cells (already suppressed, worth 1..k-1) serve as
// partners, which a one-sided move of k could never use. Both tables stay non-negative and keep
// every relation: equalities give A d = 0, an inequality with slack s at x gives
// -s/alpha <= a.d <= s/beta. Among such directions the LP takes the cheapest |d|, weighted per
// cell (tiny for cells already suppressed); the cells that move are the partners to suppress.
// Hidden cells of earlier releases get one free column per table.
//
// A model is built once per (set of movable cells, alpha) and kept warm: for a cell of one
// dimension only that dimension's table moves (the totals stay fixed, which keeps the LP small
// and is a valid restriction: any certificate found is a certificate); the full table is the
// fallback and serves the totals.

const ALREADY_SUPPRESSED_COST = 1e-3;

export interface Certificate {
  upper: Float64Array;
  lower: Float64Array;
}

export type ProtectionRequest =
  | { kind: 'cell'; cell: number; amount: number }
  | { kind: 'remainder'; all: number; employed: number; hidden: number; amount: number };

class DirectionModel {
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
    const size = grid.size;
    const beta = (this.beta = 1 - alpha);
    const inf = highs.infinity;
    this.pCol = new Int32Array(size).fill(-1);
    const colLower: number[] = [];
    const colUpper: number[] = [];
    const colCost: number[] = [];
    for (let i = 0; i < size; i++) {
      const x = truth.count[i];
      // A zero moves only when it is hidden (a zero beside an attribute cell); published zeros stay.
      if ((x === 0 && !suppressed(i)) || !movable(i)) continue;
      this.pCol[i] = colLower.length;
      const w = suppressed(i) ? ALREADY_SUPPRESSED_COST : cost[i];
      colLower.push(0, 0);
      colUpper.push(alpha > 0 ? x / alpha : inf, beta > 0 ? x / beta : inf);
      colCost.push(w, w);
    }
    const priorValue = new Float64Array(ctx.numVars).fill(NaN);
    for (const prior of ctx.priors) priorValue.set(prior.published, prior.offset);

    const rowStarts = [0];
    const rowIndex: number[] = [];
    const rowValue: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    const push = (lo: number, hi: number) => {
      rowStarts.push(rowIndex.length);
      rowLower.push(lo);
      rowUpper.push(hi);
    };
    const z = (v: number) => {
      let cols = this.zCols.get(v);
      if (!cols) {
        cols = [colLower.length, colLower.length + 1];
        colLower.push(0, 0);
        colUpper.push(inf, inf);
        colCost.push(0, 0);
        this.zCols.set(v, cols);
      }
      return cols;
    };
    // Rows to keep: those moving a cell, plus every row reaching their hidden earlier cells
    // (transitively), so that both tables stay consistent with the earlier releases too.
    const isHidden = (v: number) => v >= size && Number.isNaN(priorValue[v]);
    const included = new Uint8Array(system.rowCount);
    const rowsOfHidden = new Map<number, number[]>();
    const reached = new Set<number>();
    const queue: number[] = [];
    for (let r = 0; r < system.rowCount; r++) {
      let moves = false;
      for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
        const v = system.vars[q];
        if (v < size && this.pCol[v] >= 0) moves = true;
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
    for (let r = 0; r < system.rowCount; r++) {
      if (!included[r]) continue;
      // activity at the truth (current cells and published prior cells), movable and hidden terms
      let atTruth = 0;
      const moving: [number, number][] = [];
      const hidden: [number, number][] = [];
      for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
        const v = system.vars[q];
        const a = system.coefs[q];
        if (v < size) {
          atTruth += a * truth.count[v];
          if (this.pCol[v] >= 0) moving.push([this.pCol[v], a]);
        } else if (isHidden(v)) hidden.push([v, a]);
        else atTruth += a * priorValue[v];
      }
      const type = system.types[r];
      if (hidden.length === 0) {
        // rows hold at the truth, so with s the slack: -s/alpha <= a.d <= s/beta (signs per type)
        for (const [c, a] of moving) {
          rowIndex.push(c, c + 1);
          rowValue.push(a, -a);
        }
        if (type === EQ) push(0, 0);
        else {
          const slack = Math.max(0, type === LE ? -atTruth : atTruth);
          const down = alpha > 0 ? slack / alpha : inf;
          const up = beta > 0 ? slack / beta : inf;
          if (type === LE) push(-down, up);
          else push(-up, down);
        }
        continue;
      }
      // with hidden earlier cells: the row for each table, each with its own copy of them
      for (const [scale, copy] of [
        [beta, 0],
        [-alpha, 1],
      ] as const) {
        for (const [c, a] of moving) {
          if (scale === 0) continue;
          rowIndex.push(c, c + 1);
          rowValue.push(scale * a, -scale * a);
        }
        for (const [v, a] of hidden) {
          rowIndex.push(z(v)[copy]);
          rowValue.push(a);
        }
        const rhs = -atTruth;
        push(type === LE ? -inf : rhs, type === GE ? inf : rhs);
      }
    }
    this.lp = new PersistentLp(
      highs,
      {
        numCols: colLower.length,
        colLower: Float64Array.from(colLower),
        colUpper: Float64Array.from(colUpper),
        colCost: Float64Array.from(colCost),
        rowStarts,
        rowIndex,
        rowValue,
        rowLower,
        rowUpper,
      },
      { simplex: 'dual' },
    );
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

/** The protection LPs of one build, created on demand and kept warm. */
export class ProtectionLp {
  private readonly models = new Map<string, DirectionModel>();
  private readonly dimensionOf: Int32Array;
  private disposedSolves = 0;

  private constructor(
    private readonly highs: Awaited<ReturnType<typeof loadHighs>>,
    private readonly ctx: ReleaseContext,
    private readonly truth: GridTruth,
    private readonly cost: Float64Array,
    private readonly k: number,
    private readonly suppressed: (cell: number) => boolean,
  ) {
    const dims = [...new Set(ctx.grid.columns.map((c) => c.dimension))];
    this.dimensionOf = Int32Array.from(ctx.grid.refs, (r) => dims.indexOf(r.dimension));
  }

  static async create(
    ctx: ReleaseContext,
    truth: GridTruth,
    cost: Float64Array,
    k: number,
    suppressed: (cell: number) => boolean,
  ): Promise<ProtectionLp> {
    return new ProtectionLp(await loadHighs(), ctx, truth, cost, k, suppressed);
  }

  get solves(): number {
    let n = this.disposedSolves;
    for (const m of this.models.values()) n += m.solves;
    return n;
  }

  markSuppressed(cell: number): void {
    for (const m of this.models.values()) m.markSuppressed(cell);
  }

  certify(request: ProtectionRequest): Certificate | undefined {
    const value = request.kind === 'cell' ? this.truth.count[request.cell] : request.hidden;
    const alpha = Math.min(value, this.k) / this.k;
    // The split suits most cells; where an earlier release's published value bounds this one from
    // one side (periods that nest and end on the same day), only a one-sided move can work.
    for (const a of new Set([alpha, 0, 1])) {
      const certificate = this.certifyWith(request, a);
      if (certificate) return certificate;
    }
    return undefined;
  }

  private certifyWith(request: ProtectionRequest, alpha: number): Certificate | undefined {
    const anchor = request.kind === 'cell' ? request.cell : request.all;
    const attempts: (number | 'all')[] = [];
    if (this.ctx.grid.columnOf(anchor) !== 0) attempts.push(this.dimensionOf[anchor]);
    attempts.push('all');
    for (const scope of attempts) {
      const model = this.model(scope, alpha);
      const tries =
        request.kind === 'cell'
          ? [[{ cell: request.cell, d: 'up' as const, amount: request.amount }]]
          : [
              [
                { cell: request.employed, d: 'down' as const, amount: request.amount },
                { cell: request.all, d: 'hold' as const },
              ],
              [
                { cell: request.all, d: 'up' as const, amount: request.amount },
                { cell: request.employed, d: 'hold' as const },
              ],
            ];
      for (const moves of tries) {
        const certificate = model.certify(moves);
        if (certificate) return certificate;
      }
    }
    return undefined;
  }

  private model(scope: number | 'all', alpha: number): DirectionModel {
    const key = `${scope}|${alpha}`;
    let model = this.models.get(key);
    if (!model) {
      const movable = scope === 'all' ? () => true : (cell: number) => this.dimensionOf[cell] === scope;
      model = new DirectionModel(this.highs, this.ctx, this.truth, movable, alpha, this.cost, this.suppressed);
      this.models.set(key, model);
    }
    return model;
  }

  dispose(): void {
    for (const m of this.models.values()) {
      this.disposedSolves += m.solves;
      m.dispose();
    }
    this.models.clear();
  }
}

function clean(x: number): number {
  return Math.abs(x) < 1e-7 ? 0 : x;
}
