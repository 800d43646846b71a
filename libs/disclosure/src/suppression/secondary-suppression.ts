import {
  attackTargets,
  narrowerThan,
  priorStandaloneIntervals,
  type ProtectionTarget,
  protectionTargets,
  seenInTruth,
  wideEnough,
} from '../attack/protection-targets.js';
import type { GridTruth } from '../grid/cell-grid.js';
import type { ReleaseContext } from '../grid/release-context.js';
import type { DisclosurePolicy } from '../policy.js';
import type { SuppressionReason } from '../types.js';
import type { Certificate } from './direction-model.js';
import { ProtectionLp } from './protection-lp.js';
import { suppressionCosts } from './suppression-costs.js';

// Secondary suppression, iterated until the attack finds nothing: attack every hidden value
// (skipping those already seen spanning k in known feasible tables), then for each one still
// narrow buy a certificate from the protection LP and suppress the cells it moves. Suppression
// only grows, and every certificate stays valid as it grows, so each round settles some targets
// for good; a target the LP cannot certify falls back to suppressing its neighbours.

const MAX_ROUNDS = 60;

export interface SecondaryResult {
  lpSolves: number;
  rounds: number;
}

/** Per variable, the range seen in tables known to be feasible. */
interface ObservedRanges {
  lo: Float64Array;
  hi: Float64Array;
}

export async function suppressSecondaryCells(
  ctx: ReleaseContext,
  truth: GridTruth,
  policy: DisclosurePolicy,
  reasons: (SuppressionReason | undefined)[],
): Promise<SecondaryResult> {
  const hiddenInNestedPrior = cellsHiddenInNestedPriors(ctx);
  const cost = suppressionCosts(ctx, truth, policy);
  const protection = await ProtectionLp.create(ctx, truth, cost, policy.k, (cell) => reasons[cell] !== undefined);
  const secondary = new SecondarySuppression(ctx, truth, policy.k, reasons, protection, hiddenInNestedPrior);
  try {
    const rounds = await secondary.suppressUntilNothingNarrow();
    return { lpSolves: secondary.lpSolves + protection.solves, rounds };
  } finally {
    protection.dispose();
  }
}

/** Cells an earlier release whose period nests with this one hid: their partners keep that reason. */
function cellsHiddenInNestedPriors(ctx: ReleaseContext): Uint8Array {
  const hidden = new Uint8Array(ctx.grid.size);
  for (const prior of ctx.priors) {
    if (!prior.nestsWithCurrent) continue;
    for (let i = 0; i < ctx.grid.size; i++) if (Number.isNaN(prior.published[i])) hidden[i] = 1;
  }
  return hidden;
}

/** The state of one secondary suppression: the certificates bought so far and what they showed. */
class SecondarySuppression {
  lpSolves = 0;
  /** Ranges seen in feasible tables: the truth first; prior hidden cells have no known value yet. */
  private readonly observed: ObservedRanges;
  private readonly certificates: Certificate[] = [];
  /** By variable: what an earlier hidden value must keep, min(k, its width under the earlier releases alone). */
  private readonly priorNeed = new Map<number, number>();
  /** By variable: the range the earlier releases alone leave an earlier hidden value (where a certificate may place it). */
  private readonly priorRange = new Map<number, [number, number]>();

  constructor(
    private readonly ctx: ReleaseContext,
    private readonly truth: GridTruth,
    private readonly k: number,
    private readonly reasons: (SuppressionReason | undefined)[],
    private readonly protection: ProtectionLp,
    private readonly hiddenInNestedPrior: Uint8Array,
  ) {
    this.observed = seenInTruth(ctx, truth);
  }

  /** Rounds of attack and protection; returns how many rounds ran. */
  async suppressUntilNothingNarrow(): Promise<number> {
    let round = 0;
    for (; round < MAX_ROUNDS; round++) {
      const narrow = await this.narrowTargets();
      if (narrow.length === 0) break;
      narrow.sort((a, b) => targetOrder(a) - targetOrder(b) || this.truth.count[a.cell] - this.truth.count[b.cell] || a.cell - b.cell);
      let added = 0;
      const certificatesBefore = this.certificates.length;
      for (const t of narrow) added += this.protect(t);
      // Nothing left to hide around the narrow values: the audit will say so.
      if (added === 0 && this.certificates.length === certificatesBefore) break;
    }
    return round;
  }

  /** Attacks every target of the current pattern and keeps those narrower than they need. */
  private async narrowTargets(): Promise<ProtectionTarget[]> {
    const published = publishedFrom(this.truth, this.reasons);
    const targets = protectionTargets(this.ctx, this.truth, published, this.k);
    const attack = await attackTargets(this.ctx, published, targets, { need: this.k, observed: this.observed, exactNarrow: false }, this.truth);
    this.lpSolves += attack.lpSolves;
    let narrow = targets.filter((t, ti) => {
      const iv = attack.intervals[ti];
      return iv.status !== 'ok' || narrowerThan(iv.hi - iv.lo, this.priorNeed.get(t.expr.vars[0]) ?? t.need);
    });
    const unknownPriors = narrow.filter((t) => t.kind === 'prior' && !this.priorNeed.has(t.expr.vars[0]));
    if (unknownPriors.length > 0) {
      await this.measurePriorNeeds(unknownPriors);
      narrow = narrow.filter((t) => {
        const iv = attack.intervals[targets.indexOf(t)];
        return iv.status !== 'ok' || narrowerThan(iv.hi - iv.lo, this.needOf(t));
      });
    }
    return narrow;
  }

  /** An earlier hidden value needs only what the earlier releases alone left it (up to k). */
  private async measurePriorNeeds(priors: ProtectionTarget[]): Promise<void> {
    const before = await priorStandaloneIntervals(this.ctx, priors, this.k);
    this.lpSolves += before.lpSolves;
    priors.forEach((t, j) => {
      const { lo, hi } = before.intervals[j];
      this.priorNeed.set(t.expr.vars[0], Math.min(this.k, hi - lo));
      this.priorRange.set(t.expr.vars[0], [lo, hi]);
    });
  }

  private needOf(t: ProtectionTarget): number {
    return t.kind === 'prior' ? this.priorNeed.get(t.expr.vars[0])! : t.need;
  }

  /** Protects one narrow value, unless a certificate already does; returns how many cells it hid. */
  private protect(t: ProtectionTarget): number {
    if (isCertified(t, this.needOf(t), this.observed, this.certificates)) return 0;
    const certificate = certifyTarget(this.protection, t, this.k, this.truth, this.needOf(t), this.priorRange.get(t.expr.vars[0]));
    if (certificate) return this.adoptCertificate(certificate);
    // An earlier release hid this cell and today's value narrows it: hide it again.
    if (t.kind === 'prior' && this.suppress(t.cell, 'prior_pattern')) return 1;
    let added = 0;
    for (const cell of neighbours(this.ctx, t)) if (this.suppress(cell, this.partnerReason(cell))) added++;
    return added;
  }

  /** Hides every cell the certificate moves; its two tables widen the observed ranges. */
  private adoptCertificate(certificate: Certificate): number {
    this.certificates.push(certificate);
    let added = 0;
    for (let i = 0; i < this.ctx.grid.size; i++) {
      if (Math.abs(certificate.upper[i] - certificate.lower[i]) > 1e-6 && this.suppress(i, this.partnerReason(i))) added++;
    }
    for (const table of [certificate.upper, certificate.lower]) {
      for (let v = 0; v < this.ctx.numVars; v++) {
        const x = table[v];
        if (Number.isNaN(x)) continue;
        if (x < this.observed.lo[v]) this.observed.lo[v] = x;
        if (x > this.observed.hi[v]) this.observed.hi[v] = x;
      }
    }
    return added;
  }

  private suppress(cell: number, reason: SuppressionReason): boolean {
    if (this.reasons[cell] !== undefined || this.truth.count[cell] === 0) return false;
    this.reasons[cell] = reason;
    this.protection.markSuppressed(cell);
    return true;
  }

  private partnerReason(cell: number): SuppressionReason {
    return this.hiddenInNestedPrior[cell] ? 'prior_pattern' : 'secondary';
  }
}

export function publishedFrom(truth: GridTruth, reasons: (SuppressionReason | undefined)[]): Float64Array {
  const published = Float64Array.from(truth.count);
  reasons.forEach((r, i) => {
    if (r !== undefined) published[i] = NaN;
  });
  return published;
}

/**
 * Remainders and earlier releases first (they need the widest moves), then cells from the smallest
 * up: a small cell's certificate hides partners that the bigger hidden cells, certified later,
 * then reuse for free. (Largest-first kept 3 to 5 points fewer of the cells of 3k or more
 * published on a realistic year; measured with the realistic spec.)
 */
function targetOrder(t: ProtectionTarget): number {
  return t.kind === 'cell' ? 1 : 0;
}

function isCertified(
  t: ProtectionTarget,
  need: number,
  observed: ObservedRanges,
  certificates: Certificate[],
): boolean {
  if (t.expr.vars.length === 1) {
    const v = t.expr.vars[0];
    return wideEnough(observed.hi[v] - observed.lo[v], need);
  }
  const value = (x: Float64Array) => t.expr.vars.reduce((s, v, i) => s + t.expr.coefs[i] * x[v], 0);
  return certificates.some((c) => wideEnough(Math.abs(value(c.upper) - value(c.lower)), need));
}

/**
 * A certificate for the target: a cell or remainder of this release moved by k; an earlier hidden
 * value moved by what the earlier releases alone left it, inside that range.
 */
function certifyTarget(
  protection: ProtectionLp,
  t: ProtectionTarget,
  k: number,
  truth: GridTruth,
  need: number,
  priorRange: [number, number] | undefined,
): Certificate | undefined {
  if (t.kind === 'cell') return protection.certify({ kind: 'cell', cell: t.cell, amount: k });
  if (t.kind === 'remainder') {
    const { all, employed } = t.remainder!;
    const hidden = truth.count[all] - truth.count[employed];
    return protection.certify({ kind: 'remainder', all, employed, hidden, amount: k });
  }
  if (!priorRange || !(need > 0)) return undefined;
  return protection.certify({ kind: 'prior', variable: t.expr.vars[0], cell: t.cell, range: priorRange, amount: need });
}

/** Last resort: every published cell sharing a relation with the target's cells. */
function neighbours(ctx: ReleaseContext, t: ProtectionTarget): number[] {
  const mine = new Set(t.expr.vars);
  const out = new Set<number>();
  const { system, grid } = ctx;
  for (let r = 0; r < system.rowCount; r++) {
    let hit = false;
    for (let q = system.starts[r]; q < system.starts[r + 1] && !hit; q++) hit = mine.has(system.vars[q]);
    if (!hit) continue;
    for (let q = system.starts[r]; q < system.starts[r + 1]; q++) {
      const v = system.vars[q];
      if (v < grid.size) out.add(v);
      else if (!mine.has(v)) out.add(v % grid.size); // the same cell of the current release
    }
  }
  return [...out];
}
