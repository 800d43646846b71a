import { CellGrid, type GridTruth, truthFromAggregates } from './cells.js';
import { remainderPairs } from './constraints.js';
import { attackIntervals, type Expression, type TargetInterval } from './lp-attack.js';
import { assertValidPolicy, type DisclosurePolicy } from './policy.js';
import { primaryRuleBroken } from './primary-suppression.js';
import {
  buildReleaseContext,
  knowledgeFromTruth,
  type PriorSlot,
  publishedVector,
  type ReleaseContext,
} from './release-context.js';
import type { AuditFinding, AuditReport, CellAggregate, CellRef, Classification, DisclosedCell, PublishedRelease } from './types.js';

const EPS = 1e-7;

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

export interface AuditInput {
  release: { id?: string; periodStart: string; periodEnd: string; cells: DisclosedCell[] };
  truth: CellAggregate[];
  policy: DisclosurePolicy;
  classification: Classification;
  priorReleases: PublishedRelease[];
}

/**
 * Attacks a release as a careful outsider would: every published value of it and of each earlier
 * release whose period overlaps it, every relation between cells, an LP per hidden value.
 */
export async function auditRelease(input: AuditInput): Promise<AuditReport> {
  assertValidPolicy(input.policy);
  const grid = new CellGrid(input.classification);
  const truth = truthFromAggregates(grid, input.truth);
  const ctx = buildReleaseContext(grid, knowledgeFromTruth(grid, truth), input.release, input.priorReleases);
  return auditWithContext(ctx, truth, input.policy, publishedVector(grid, input.release.cells));
}

/** The exact audit of the current release's published vector (NaN = suppressed). */
export async function auditWithContext(
  ctx: ReleaseContext,
  truth: GridTruth,
  policy: DisclosurePolicy,
  published: Float64Array,
): Promise<AuditReport> {
  const { grid } = ctx;
  const findings: AuditFinding[] = [];
  let suppressedCells = 0;
  for (let i = 0; i < grid.size; i++) {
    if (Number.isNaN(published[i])) {
      suppressedCells++;
      continue;
    }
    findings.push(...publishedRuleFindings(grid, truth, policy, i, published[i]));
  }
  findings.push(...differencingFindings(ctx, policy, published));

  const targets = protectionTargets(ctx, truth, published, policy.k);
  const { intervals, lpSolves: attackSolves } = await attackIntervals(
    { numVars: ctx.numVars, known: knownVector(ctx, published), system: ctx.system },
    targets.map((t) => t.expr),
    { need: policy.k },
  );
  let lpSolves = attackSolves;
  let minIntervalWidth: number | null = null;
  const weakPriors: number[] = [];
  for (const [ti, t] of targets.entries()) {
    const interval = intervals[ti];
    const width = interval.hi - interval.lo;
    if (t.kind !== 'prior' && interval.status === 'ok') minIntervalWidth = Math.min(minIntervalWidth ?? Infinity, width);
    if (interval.status !== 'ok') findings.push(unsolvedFinding(grid, t, interval));
    else if (width < t.need - EPS) {
      if (t.kind === 'prior') weakPriors.push(ti);
      else findings.push(narrowFinding(grid, t, interval, policy.k));
    }
  }
  if (weakPriors.length > 0) {
    // Blame the new release only for what it takes away: compare with the earlier releases alone.
    const before = await priorStandaloneIntervals(ctx, weakPriors.map((ti) => targets[ti]), policy.k);
    lpSolves += before.lpSolves;
    weakPriors.forEach((ti, j) => {
      const t = targets[ti];
      const standalone = before.intervals[j];
      const need = Math.min(policy.k, standalone.hi - standalone.lo);
      const width = intervals[ti].hi - intervals[ti].lo;
      if (width < need - EPS) findings.push(priorNarrowedFinding(grid, t, intervals[ti], policy.k));
    });
  }
  return {
    passed: findings.length === 0,
    checkedCells: grid.size,
    suppressedCells,
    lpSolves,
    minIntervalWidth: minIntervalWidth === null ? null : round(minIntervalWidth),
    findings,
    releasesCompared: ctx.priors.map((p) => p.release.id),
  };
}

export function knownVector(ctx: ReleaseContext, published: Float64Array): Float64Array {
  const known = new Float64Array(ctx.numVars);
  known.set(published, 0);
  for (const p of ctx.priors) known.set(p.published, p.offset);
  return known;
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

function publishedRuleFindings(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy, i: number, count: number): AuditFinding[] {
  const broken = primaryRuleBroken(grid, truth, policy, i, count);
  const cell = refOf(grid, i);
  if (broken === 'min_count') {
    return [{ kind: 'small_published', cell, detail: `published count ${count} is below k=${policy.k}` }];
  }
  if (broken === 'min_employers') {
    return [{ kind: 'employer_rule', cell, detail: `published cell spans fewer than ${policy.min_employers} employers` }];
  }
  if (broken === 'employer_share') {
    return [
      { kind: 'employer_rule', cell, detail: `one employer holds more than ${policy.max_employer_share * 100}% of its clients` },
    ];
  }
  if (broken === 'attribute') {
    return [
      {
        kind: 'attribute',
        cell,
        detail: `category covers every client of a scope smaller than ${policy.attribute_factor * policy.k}`,
      },
    ];
  }
  return [];
}

/** Nested periods: a count published in both may differ by 0 or by at least k, never by a few people. */
export function differencingFindings(ctx: ReleaseContext, policy: DisclosurePolicy, published: Float64Array): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const prior of ctx.priors) {
    if (!prior.nestsWithCurrent) continue;
    for (let i = 0; i < ctx.grid.size; i++) {
      const diff = Math.abs(published[i] - prior.published[i]);
      if (diff >= 1 && diff < policy.k) {
        findings.push({
          kind: 'differencing',
          cell: refOf(ctx.grid, i),
          detail: `published counts differ by ${diff} from release ${prior.release.id} (nested periods); must be 0 or >= ${policy.k}`,
          otherReleaseId: prior.release.id,
        });
      }
    }
  }
  return findings;
}

function narrowFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval, k: number): AuditFinding {
  const what = t.kind === 'remainder' ? 'the non-employed remainder (all - employed) behind this cell' : 'suppressed cell';
  return {
    kind: 'narrow_interval',
    cell: refOf(grid, t.cell),
    detail: `${what} can be narrowed to an interval of width ${round(interval.hi - interval.lo)} (< k=${k})`,
    interval: [round(interval.lo), round(interval.hi)],
  };
}

function priorNarrowedFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval, k: number): AuditFinding {
  return {
    kind: 'differencing',
    cell: refOf(grid, t.cell),
    detail: `together with this release, a cell suppressed in release ${t.prior!.release.id} narrows to width ${round(interval.hi - interval.lo)} (< k=${k})`,
    interval: [round(interval.lo), round(interval.hi)],
    otherReleaseId: t.prior!.release.id,
  };
}

function unsolvedFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval): AuditFinding {
  return {
    kind: 'narrow_interval',
    cell: refOf(grid, t.cell),
    detail:
      interval.status === 'infeasible'
        ? 'published values contradict each other around this cell'
        : 'the interval attack could not be solved for this cell',
    ...(t.prior ? { otherReleaseId: t.prior.release.id } : {}),
  };
}

function refOf(grid: CellGrid, i: number): CellRef {
  const { population, industry, sizeClass, dimension, category } = grid.refs[i];
  return { population, industry, sizeClass, dimension, category };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}
