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

/**
 * The interval attack on the targets, with this release's published values and every earlier one's.
 * With the truth and earlier releases that this release reaches, feasible tables of two smaller
 * problems come first (see decoupledTables): they settle most values as wide before the joint one.
 */
export async function attackTargets(
  ctx: ReleaseContext,
  published: Float64Array,
  targets: ProtectionTarget[],
  options: AttackOptions,
  truth?: GridTruth,
): Promise<AttackResult> {
  let { observed } = options;
  let lpSolves = 0;
  if (truth && targets.some((t) => t.kind === 'prior')) {
    observed ??= seenInTruth(ctx, truth);
    lpSolves += await decoupledTables(ctx, published, targets, truth, { need: options.need, observed });
  }
  const attack = await attackIntervals({ numVars: ctx.numVars, known: knownVector(ctx, published), system: ctx.system }, targets.map((t) => t.expr), { ...options, observed });
  return { intervals: attack.intervals, lpSolves: attack.lpSolves + lpSolves };
}

/** Ranges seen in feasible tables, starting from the truth: this release's true counts. */
export function seenInTruth(ctx: ReleaseContext, truth: GridTruth): { lo: Float64Array; hi: Float64Array } {
  const observed = { lo: new Float64Array(ctx.numVars).fill(Infinity), hi: new Float64Array(ctx.numVars).fill(-Infinity) };
  observed.lo.set(truth.count, 0);
  observed.hi.set(truth.count, 0);
  return observed;
}

/**
 * Monotone rows between releases ending on the same day join every hidden value of all of them
 * into a few very large components, and the joint LPs over them take most of the time. Two
 * restrictions of that problem split them again, and any table feasible in a restriction is
 * feasible in the whole problem, so what they show wide is wide:
 * - this release's hidden cells fixed at the truth: each earlier release's hidden values move
 *   alone (against the truth's bounds);
 * - the earlier hidden values fixed where the first restriction left them: this release's hidden
 *   cells move alone.
 * The joint attack afterwards skips every value these tables already saw spanning `need`; only
 * what they leave undecided (or narrow) costs a joint LP. Returns the LP solves spent.
 */
async function decoupledTables(
  ctx: ReleaseContext,
  published: Float64Array,
  targets: ProtectionTarget[],
  truth: GridTruth,
  options: { need: number; observed: { lo: Float64Array; hi: Float64Array } },
): Promise<number> {
  const { grid } = ctx;
  const single = (t: ProtectionTarget) => t.expr.vars.length === 1;
  // Earlier values with this release at the truth.
  const atTruth = knownVector(ctx, published);
  for (let i = 0; i < grid.size; i++) if (Number.isNaN(atTruth[i])) atTruth[i] = truth.count[i];
  const placed = new Float64Array(ctx.numVars).fill(NaN);
  const earlier = await attackIntervals({ numVars: ctx.numVars, known: atTruth, system: ctx.system }, targets.filter((t) => t.kind === 'prior' && single(t)).map((t) => t.expr), {
    ...options,
    exactNarrow: false,
    onTable: (vars, values) => vars.forEach((v, c) => Number.isNaN(placed[v]) && (placed[v] = values[c])),
  });
  // This release with the earlier values where those tables placed them.
  const atPlaced = knownVector(ctx, published);
  for (let v = grid.size; v < ctx.numVars; v++) if (Number.isNaN(atPlaced[v]) && !Number.isNaN(placed[v])) atPlaced[v] = placed[v];
  const current = await attackIntervals({ numVars: ctx.numVars, known: atPlaced, system: ctx.system }, targets.filter((t) => t.kind === 'cell').map((t) => t.expr), {
    ...options,
    exactNarrow: false,
  });
  return earlier.lpSolves + current.lpSolves;
}

/**
 * Everything that must stay uncertain: each suppressed cell, each non-employed remainder of
 * 1..k-1 clients, and each suppressed cell of an earlier overlapping release that this release
 * can reach (see ReleaseContext.reachable).
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
      // Beyond this release's reach, a hidden value keeps the range the earlier releases left it.
      if (Number.isNaN(prior.published[i]) && ctx.reachable[prior.offset + i]) {
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

