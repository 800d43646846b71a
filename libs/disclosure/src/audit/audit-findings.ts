import type { TargetInterval } from '../attack/lp-attack.js';
import type { ProtectionTarget } from '../attack/protection-targets.js';
import type { CellGrid, GridTruth } from '../grid/cell-grid.js';
import type { ReleaseContext } from '../grid/release-context.js';
import type { DisclosurePolicy } from '../policy.js';
import { primaryRuleBroken } from '../suppression/primary-suppression.js';
import type { AuditFinding, CellRef } from '../types.js';

// The audit's findings, worded for the manager who reads them: never a suppressed count.

/** Each published cell against the primary rules, in grid order. */
export function publishedCellFindings(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy, published: Float64Array): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (let i = 0; i < grid.size; i++) {
    if (!Number.isNaN(published[i])) findings.push(...publishedRuleFindings(grid, truth, policy, i, published[i]));
  }
  return findings;
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

export function narrowFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval, k: number): AuditFinding {
  const what = t.kind === 'remainder' ? 'the non-employed remainder (all - employed) behind this cell' : 'suppressed cell';
  return {
    kind: 'narrow_interval',
    cell: refOf(grid, t.cell),
    detail: `${what} can be narrowed to an interval of width ${roundForReport(interval.hi - interval.lo)} (< k=${k})`,
    interval: [roundForReport(interval.lo), roundForReport(interval.hi)],
  };
}

export function priorNarrowedFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval, k: number): AuditFinding {
  return {
    kind: 'differencing',
    cell: refOf(grid, t.cell),
    detail: `together with this release, a cell suppressed in release ${t.prior!.release.id} narrows to width ${roundForReport(interval.hi - interval.lo)} (< k=${k})`,
    interval: [roundForReport(interval.lo), roundForReport(interval.hi)],
    otherReleaseId: t.prior!.release.id,
  };
}

export function unsolvedFinding(grid: CellGrid, t: ProtectionTarget, interval: TargetInterval): AuditFinding {
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

export function roundForReport(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}
