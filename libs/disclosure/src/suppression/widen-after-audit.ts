import type { CellGrid, GridTruth } from '../grid/cell-grid.js';
import type { ReleaseContext } from '../grid/release-context.js';
import type { AuditFinding, SuppressionReason } from '../types.js';

// What the builder does when the exact audit still finds something after secondary suppression:
// it answers the findings (plain data), it does not call the auditor.

/**
 * A hidden zero (beside an attribute cell) that no pattern can protect goes back to being a
 * published 0: that is where it started, and it must not block the release.
 */
export function publishUnprotectableZeros(
  grid: CellGrid,
  truth: GridTruth,
  reasons: (SuppressionReason | undefined)[],
  findings: AuditFinding[],
): number {
  let released = 0;
  for (const finding of findings) {
    const index = grid.indexOf(finding.cell);
    if (index === undefined || finding.kind !== 'narrow_interval' || truth.count[index] !== 0 || reasons[index] !== 'attribute') continue;
    reasons[index] = undefined;
    released++;
  }
  return released;
}

/** Hides the cells the audit names and, when already hidden, every published cell next to them. */
export function widenAroundFindings(
  ctx: ReleaseContext,
  truth: GridTruth,
  reasons: (SuppressionReason | undefined)[],
  findings: AuditFinding[],
): number {
  const { grid, system } = ctx;
  let added = 0;
  const hide = (i: number, reason: SuppressionReason) => {
    if (reasons[i] !== undefined || truth.count[i] === 0) return;
    reasons[i] = reason;
    added++;
  };
  for (const finding of findings) {
    const index = grid.indexOf(finding.cell);
    if (index === undefined) continue;
    const reason: SuppressionReason = finding.otherReleaseId ? 'prior_pattern' : 'secondary';
    if (reasons[index] === undefined && truth.count[index] > 0) {
      hide(index, reason);
      continue;
    }
    for (let r = 0; r < system.rowCount; r++) {
      let hit = false;
      for (let q = system.starts[r]; q < system.starts[r + 1] && !hit; q++) hit = system.vars[q] % grid.size === index;
      if (!hit) continue;
      // the same cells of this release: in an earlier release's row they are what squeezes it
      for (let q = system.starts[r]; q < system.starts[r + 1]; q++) hide(system.vars[q] % grid.size, reason);
    }
  }
  return added;
}
