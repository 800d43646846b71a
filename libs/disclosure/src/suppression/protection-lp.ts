import type { GridTruth } from '../grid/cell-grid.js';
import type { ReleaseContext } from '../grid/release-context.js';
import { loadHighs } from '../solver/lp-solver.js';
import { type Certificate, DirectionModel } from './direction-model.js';

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
// A model (direction-model.ts) is built once per (set of movable cells, alpha) and kept warm: for
// a cell of one dimension only that dimension's table moves (the totals stay fixed, which keeps
// the LP small and is a valid restriction: any certificate found is a certificate); the full
// table is the fallback and serves the totals.

export type ProtectionRequest =
  | { kind: 'cell'; cell: number; amount: number }
  | { kind: 'remainder'; all: number; employed: number; hidden: number; amount: number }
  /** An earlier release's hidden value (its variable), the same cell of this grid, and its range under the earlier releases alone. */
  | { kind: 'prior'; variable: number; cell: number; range: [number, number]; amount: number };

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
    if (request.kind === 'prior') return this.certifyPrior(request);
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

  /**
   * The table of differences between two releases ending on the same day, inside the model: the
   * earlier hidden value gets a column per table, and the two tables must place it at least
   * `amount` apart inside its earlier range, with this release's cells moving as little as they
   * can (those that move are the partners to hide). Tried low, high and in the middle of the range.
   */
  private certifyPrior(request: Extract<ProtectionRequest, { kind: 'prior' }>): Certificate | undefined {
    const [lo, hi] = request.range;
    const places = Number.isFinite(hi) ? [lo, hi - request.amount, (lo + hi - request.amount) / 2] : [lo];
    const scopes: (number | 'all')[] = this.ctx.grid.columnOf(request.cell) !== 0 ? [this.dimensionOf[request.cell], 'all'] : ['all'];
    for (const scope of scopes) {
      for (const alpha of [0.5, 0, 1]) {
        const model = this.model(scope, alpha);
        for (const low of places) {
          const certificate = model.certifyHidden(request.variable, low, request.amount);
          if (certificate) return certificate;
        }
      }
    }
    return undefined;
  }

  private certifyWith(request: ProtectionRequest, alpha: number): Certificate | undefined {
    if (request.kind === 'prior') return undefined;
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
