import type { GridTruth } from '../grid/cell-grid.js';
import { remainderPairs } from '../grid/constraints.js';
import type { PriorSlot, ReleaseContext } from '../grid/release-context.js';
import { type AttackOptions, type AttackResult, attackIntervals, type Expression } from './lp-attack.js';

// What the attack is aimed at, shared by the suppression that protects these values and the
// auditor that checks them: every hidden value of a release and of the earlier releases beside it.

/** Slack on interval widths: LP solutions are exact only up to the solver's tolerances. */
const WIDTH_TOLERANCE = 1e-7;

/** An interval of this width pins the value too closely for a target that needs `need`. */
export function narrowerThan(width: number, need: number): boolean {
  return width < need - WIDTH_TOLERANCE;
}

/** The opposite test, for widths seen in feasible tables (certificates, observed ranges). */
export function wideEnough(width: number, need: number): boolean {
  return width >= need - WIDTH_TOLERANCE;
}

/** A hidden value that must keep an interval at least `need` wide. */
export interface ProtectionTarget {
  kind: 'cell' | 'remainder' | 'prior';
  expr: Expression;
  /** grid index: the suppressed cell, the city-wide cell of a remainder, or the prior's cell */
  cell: number;
  remainder?: { all: number; employed: number };
  prior?: PriorSlot;
  need: number;
}

export function knownVector(ctx: ReleaseContext, published: Float64Array): Float64Array {
  const known = new Float64Array(ctx.numVars);
  known.set(published, 0);
  for (const p of ctx.priors) known.set(p.published, p.offset);
  return known;
}

/** The interval attack on the targets, with this release's published values and every earlier one's. */
export function attackTargets(
  ctx: ReleaseContext,
  published: Float64Array,
  targets: ProtectionTarget[],
  options: AttackOptions,
): Promise<AttackResult> {
  return attackIntervals({ numVars: ctx.numVars, known: knownVector(ctx, published), system: ctx.system }, targets.map((t) => t.expr), options);
}

/**
 * Everything that must stay uncertain: each suppressed cell, each non-employed remainder of
 * 1..k-1 clients, and each suppressed cell of an earlier overlapping release.
 */
export function protectionTargets(ctx: ReleaseContext, truth: GridTruth, published: Float64Array, k: number): ProtectionTarget[] {
  const targets: ProtectionTarget[] = [];
  const { grid } = ctx;
  for (let i = 0; i < grid.size; i++) {
    if (Number.isNaN(published[i])) targets.push({ kind: 'cell', expr: { vars: [i], coefs: [1] }, cell: i, need: k });
  }
  for (const pair of remainderPairs(grid)) {
    const hidden = truth.count[pair.all] - truth.count[pair.employed];
    if (hidden >= 1 && hidden < k) {
      targets.push({ kind: 'remainder', expr: { vars: [pair.all, pair.employed], coefs: [1, -1] }, cell: pair.all, remainder: pair, need: k });
    }
  }
  for (const prior of ctx.priors) {
    for (let i = 0; i < grid.size; i++) {
      if (Number.isNaN(prior.published[i])) {
        targets.push({ kind: 'prior', expr: { vars: [prior.offset + i], coefs: [1] }, cell: i, prior, need: k });
      }
    }
  }
  return targets;
}

/**
 * Each earlier hidden value's interval under the earlier releases alone, exact up to k (what a new
 * release may not take away: min(k, width)). The width must be solved against k: with a smaller
 * threshold any single feasible table would count as "wide enough" and the width would read 0.
 */
export async function priorStandaloneIntervals(ctx: ReleaseContext, targets: ProtectionTarget[], k: number) {
  const known = knownVector(ctx, new Float64Array(ctx.grid.size));
  return attackIntervals({ numVars: ctx.numVars, known, system: ctx.priorSystem }, targets.map((t) => t.expr), { need: k });
}
