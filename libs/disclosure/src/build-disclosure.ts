import { CellGrid, type GridTruth, truthFromAggregates } from './cells.js';
import { auditWithContext } from './auditor.js';
import { assertValidPolicy, type DisclosurePolicy } from './policy.js';
import { suppressPrimaryCells } from './primary-suppression.js';
import { assertTruthConsistent, buildReleaseContext, knowledgeFromTruth, type ReleaseContext } from './release-context.js';
import { publishedFrom, suppressSecondaryCells } from './secondary-suppression.js';
import type {
  CellAggregate,
  Classification,
  DisclosedCell,
  DisclosureResult,
  InformationLoss,
  PublishedRelease,
  SuppressionReason,
} from './types.js';

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
  const secondary = await suppressSecondaryCells(ctx, truth, input.policy, reasons);
  const published = publishedFrom(truth, reasons);
  const audit = await auditWithContext(ctx, truth, input.policy, published);
  audit.lpSolves += secondary.lpSolves;

  const cells: DisclosedCell[] = grid.refs.map((ref, i) =>
    reasons[i] === undefined ? { ...ref, count: truth.count[i] } : { ...ref, count: null, reason: reasons[i] },
  );
  return { cells, audit, informationLoss: informationLoss(truth, reasons) };
}

/**
 * A count published in a nested earlier release and differing from today's by 1..k-1 would
 * single out those few people by subtraction: hide today's.
 */
export function suppressDifferencingCells(
  ctx: ReleaseContext,
  truth: GridTruth,
  policy: DisclosurePolicy,
  reasons: (SuppressionReason | undefined)[],
): void {
  for (const prior of ctx.priors) {
    if (!prior.nestsWithCurrent) continue;
    for (let i = 0; i < ctx.grid.size; i++) {
      if (reasons[i] !== undefined || truth.count[i] === 0) continue;
      const diff = Math.abs(truth.count[i] - prior.published[i]);
      if (diff >= 1 && diff < policy.k) reasons[i] = 'differencing';
    }
  }
}

export function informationLoss(truth: GridTruth, reasons: (SuppressionReason | undefined)[]): InformationLoss {
  let suppressedCells = 0;
  let suppressedClients = 0;
  let clients = 0;
  truth.count.forEach((x, i) => {
    clients += x;
    if (reasons[i] !== undefined) {
      suppressedCells++;
      suppressedClients += x;
    }
  });
  const totalCells = truth.count.length;
  return {
    totalCells,
    suppressedCells,
    cellShare: totalCells === 0 ? 0 : suppressedCells / totalCells,
    clientShare: clients === 0 ? 0 : suppressedClients / clients,
  };
}
