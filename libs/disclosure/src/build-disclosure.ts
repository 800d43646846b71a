import { auditWithContext } from './audit/auditor.js';
import { CellGrid, type GridTruth, truthFromAggregates } from './grid/cell-grid.js';
import { assertTruthConsistent, buildReleaseContext, knowledgeFromTruth, type ReleaseContext } from './grid/release-context.js';
import { assertValidPolicy, type DisclosurePolicy } from './policy.js';
import { reuseSameEndPatterns, suppressDifferencingCells } from './suppression/earlier-release-suppression.js';
import { suppressMinimumPattern } from './suppression/minimum-pattern.js';
import { suppressPrimaryCells } from './suppression/primary-suppression.js';
import { publishedFrom, suppressSecondaryCells } from './suppression/secondary-suppression.js';
import { publishUnprotectableZeros, widenAroundFindings } from './suppression/widen-after-audit.js';
import type {
  AuditReport,
  CellAggregate,
  Classification,
  DisclosedCell,
  DisclosureResult,
  InformationLoss,
  PublishedRelease,
  SuppressionReason,
} from './types.js';

// The pipeline, one folder a stage: grid/ (cells, relations, the release and its earlier ones),
// suppression/ (primary rules, earlier releases, minimum pattern, secondary suppression with its
// protection LP), attack/ (the interval attack and what it aims at), audit/ (the exact audit that
// ships with the release). differential-privacy/ is the other mode, noise instead of suppression.

export interface BuildDisclosureInput {
  aggregates: CellAggregate[];
  policy: DisclosurePolicy;
  classification: Classification;
  periodStart: string;
  periodEnd: string;
  priorReleases: PublishedRelease[];
}

/**
 * The publishable grid for one period: primary suppression by rule, differencing against nested
 * earlier releases, secondary suppression until the interval attack finds nothing, then the
 * exact audit that ships with the result. `audit.passed` is false only if no suppression pattern
 * could protect every value (the caller must then not publish).
 */
export async function buildDisclosure(input: BuildDisclosureInput): Promise<DisclosureResult> {
  assertValidPolicy(input.policy);
  const grid = new CellGrid(input.classification);
  const truth = truthFromAggregates(grid, input.aggregates);
  const knowledge = knowledgeFromTruth(grid, truth);
  assertTruthConsistent(grid, truth, knowledge);
  const ctx = buildReleaseContext(grid, knowledge, { periodStart: input.periodStart, periodEnd: input.periodEnd }, input.priorReleases);

  const reasons: (SuppressionReason | undefined)[] = suppressPrimaryCells(grid, truth, input.policy);
  suppressDifferencingCells(ctx, truth, input.policy, reasons);
  reuseSameEndPatterns(ctx, truth, input.periodEnd, reasons);
  await suppressMinimumPattern(ctx, truth, input.policy, reasons);
  const audit = await protectUntilAuditPasses(ctx, truth, input.policy, reasons);
  return { cells: disclosedCells(grid, truth, reasons), audit, informationLoss: informationLoss(truth, reasons, input.policy.k) };
}

const MAX_WIDENINGS = 4;

/** A cell of at least this many times k clients is a large one: the figures managers are promised. */
export const LARGE_CELL_FACTOR = 3;

/**
 * Secondary suppression, then the exact audit; while the audit finds something, release the
 * hidden zeros no pattern can protect or widen around the findings, and go again.
 */
async function protectUntilAuditPasses(
  ctx: ReleaseContext,
  truth: GridTruth,
  policy: DisclosurePolicy,
  reasons: (SuppressionReason | undefined)[],
): Promise<AuditReport> {
  let lpSolves = 0;
  let audit: AuditReport;
  for (let attempt = 0; ; attempt++) {
    lpSolves += (await suppressSecondaryCells(ctx, truth, policy, reasons)).lpSolves;
    audit = await auditWithContext(ctx, truth, policy, publishedFrom(truth, reasons));
    if (audit.passed) break;
    if (publishUnprotectableZeros(ctx.grid, truth, reasons, audit.findings) > 0) continue;
    // Safety net: the exact audit has the last word; widen around whatever it still finds.
    if (attempt >= MAX_WIDENINGS || widenAroundFindings(ctx, truth, reasons, audit.findings) === 0) break;
  }
  audit.lpSolves += lpSolves;
  return audit;
}

/** Published cells carry their count, suppressed ones null with the reason. */
function disclosedCells(grid: CellGrid, truth: GridTruth, reasons: (SuppressionReason | undefined)[]): DisclosedCell[] {
  return grid.refs.map((ref, i) => (reasons[i] === undefined ? { ...ref, count: truth.count[i] } : { ...ref, count: null, reason: reasons[i] }));
}

export function informationLoss(truth: GridTruth, reasons: (SuppressionReason | undefined)[], k: number): InformationLoss {
  let suppressedCells = 0;
  let suppressedClients = 0;
  let clients = 0;
  let largeCells = 0;
  let largeCellsKept = 0;
  truth.count.forEach((x, i) => {
    clients += x;
    if (reasons[i] !== undefined) {
      suppressedCells++;
      suppressedClients += x;
    }
    if (x >= LARGE_CELL_FACTOR * k) {
      largeCells++;
      if (reasons[i] === undefined) largeCellsKept++;
    }
  });
  const totalCells = truth.count.length;
  return {
    totalCells,
    suppressedCells,
    cellShare: totalCells === 0 ? 0 : suppressedCells / totalCells,
    clientShare: clients === 0 ? 0 : suppressedClients / clients,
    largeCells,
    largeCellsKept,
  };
}
