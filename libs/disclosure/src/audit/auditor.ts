import type { TargetInterval } from '../attack/lp-attack.js';
import { type ProtectionTarget, attackTargets, narrowerThan, priorStandaloneIntervals, protectionTargets } from '../attack/protection-targets.js';
import { CellGrid, type GridTruth, truthFromAggregates } from '../grid/cell-grid.js';
import { buildReleaseContext, knowledgeFromTruth, publishedVector, type ReleaseContext } from '../grid/release-context.js';
import { assertValidPolicy, type DisclosurePolicy } from '../policy.js';
import type { AuditFinding, AuditReport, CellAggregate, Classification, DisclosedCell, PublishedRelease } from '../types.js';
import {
  differencingFindings,
  narrowFinding,
  priorNarrowedFinding,
  publishedCellFindings,
  roundForReport,
  unsolvedFinding,
} from './audit-findings.js';

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
  const findings: AuditFinding[] = [...publishedCellFindings(grid, truth, policy, published), ...differencingFindings(ctx, policy, published)];

  const targets = protectionTargets(ctx, truth, published, policy.k);
  const attack = await attackTargets(ctx, published, targets, { need: policy.k }, truth);
  const judged = judgeIntervals(grid, targets, attack.intervals, policy.k);
  findings.push(...judged.findings);
  const narrowed = await earlierValuesNarrowed(ctx, targets, judged.weakPriors, attack.intervals, policy.k);
  findings.push(...narrowed.findings);

  return {
    passed: findings.length === 0,
    checkedCells: grid.size,
    suppressedCells: countSuppressed(grid, published),
    lpSolves: attack.lpSolves + narrowed.lpSolves,
    minIntervalWidth: judged.minIntervalWidth === null ? null : roundForReport(judged.minIntervalWidth),
    findings,
    releasesCompared: ctx.priors.map((p) => p.release.id),
  };
}

function countSuppressed(grid: CellGrid, published: Float64Array): number {
  let suppressed = 0;
  for (let i = 0; i < grid.size; i++) if (Number.isNaN(published[i])) suppressed++;
  return suppressed;
}

/**
 * Each interval against its target's need: unsolved or narrow values of this release are findings;
 * narrow values of an earlier release (`weakPriors`, by target index) are only suspects until
 * compared with what the earlier releases alone allowed.
 */
function judgeIntervals(grid: CellGrid, targets: ProtectionTarget[], intervals: TargetInterval[], k: number) {
  const findings: AuditFinding[] = [];
  let minIntervalWidth: number | null = null;
  const weakPriors: number[] = [];
  for (const [ti, t] of targets.entries()) {
    const interval = intervals[ti];
    const width = interval.hi - interval.lo;
    if (t.kind !== 'prior' && interval.status === 'ok') minIntervalWidth = Math.min(minIntervalWidth ?? Infinity, width);
    if (interval.status !== 'ok') findings.push(unsolvedFinding(grid, t, interval));
    else if (narrowerThan(width, t.need)) {
      if (t.kind === 'prior') weakPriors.push(ti);
      else findings.push(narrowFinding(grid, t, interval, k));
    }
  }
  return { findings, minIntervalWidth, weakPriors };
}

/** Blame the new release only for what it takes away: compare with the earlier releases alone. */
async function earlierValuesNarrowed(
  ctx: ReleaseContext,
  targets: ProtectionTarget[],
  weakPriors: number[],
  intervals: TargetInterval[],
  k: number,
): Promise<{ findings: AuditFinding[]; lpSolves: number }> {
  if (weakPriors.length === 0) return { findings: [], lpSolves: 0 };
  const findings: AuditFinding[] = [];
  const before = await priorStandaloneIntervals(ctx, weakPriors.map((ti) => targets[ti]), k);
  weakPriors.forEach((ti, j) => {
    const t = targets[ti];
    const standalone = before.intervals[j];
    const need = Math.min(k, standalone.hi - standalone.lo);
    const width = intervals[ti].hi - intervals[ti].lo;
    if (narrowerThan(width, need)) findings.push(priorNarrowedFinding(ctx.grid, t, intervals[ti], k));
  });
  return { findings, lpSolves: before.lpSolves };
}
