// The integer-program bound beside each release of bench:releases: the most cells of 3k or more
// clients that ANY safe pattern can keep published, given what the rules themselves hide.
//
// It is the engine's own pattern program (suppression/minimum-pattern.ts) with the cost changed
// as its notes describe ("solved for the fewest big cells, their cost made overwhelming"): a big
// cell costs 1, any other cell 0, so the optimum is the fewest big cells a pattern meeting every
// relation's necessary conditions must hide. Those conditions hold in every safe pattern, so the
// optimum bounds what any method can keep. The cells hidden from the start are the ones the rules
// force: the primary rules (minimum count, employer, attribute) and differencing against the
// earlier releases as they were actually published. The reuse of an earlier same-end release's
// pattern is the engine's choice, not a rule, and is left out; so are the earlier releases'
// relations (fewer conditions: the bound stays valid, only looser).
//
// Deep imports on purpose: the bound reads engine internals that the lib's public face does not
// (and should not) export; the bench only reads them, it changes nothing.
import type { Highs } from 'highs';
import { CellGrid, truthFromAggregates } from '../../libs/disclosure/src/grid/cell-grid.js';
import { buildReleaseContext, knowledgeFromTruth } from '../../libs/disclosure/src/grid/release-context.js';
import { DEFAULT_POLICY, type DisclosurePolicy } from '../../libs/disclosure/src/policy.js';
import { loadHighs } from '../../libs/disclosure/src/solver/lp-solver.js';
import { suppressDifferencingCells } from '../../libs/disclosure/src/suppression/earlier-release-suppression.js';
import { independentParts, patternProgram, type PatternProgram, programMatrix, satisfies } from '../../libs/disclosure/src/suppression/minimum-pattern.js';
import { suppressPrimaryCells } from '../../libs/disclosure/src/suppression/primary-suppression.js';
import type { CellAggregate, Classification, PublishedRelease, SuppressionReason } from '../../libs/disclosure/src/types.js';

export interface PatternBound {
  /** cells of at least 3k clients in the release */
  bigCells: number;
  /** of them, hidden by the rules before any pattern is chosen */
  bigHiddenByRules: number;
  /** fewest big cells any safe pattern hides (rules included); a lower bound when not closed */
  minBigHidden: number;
  /** at most this share of the big cells can stay published */
  keptAtMost: number;
  /** every part solved to optimality within the time limit */
  closed: boolean;
  /** parts of the program that needed solving, and how many of them did not close */
  parts: number;
  openParts: number;
  ms: number;
}

export interface BoundInput {
  aggregates: CellAggregate[];
  classification: Classification;
  periodStart: string;
  periodEnd: string;
  priorReleases: PublishedRelease[];
  /** wall-clock limit over all parts of the program */
  timeLimitSeconds: number;
  policy?: DisclosurePolicy;
}

/** The bound for one release; `closed` false means the limit struck and the figure is the proven one so far. */
export async function patternBound(input: BoundInput): Promise<PatternBound> {
  const t0 = performance.now();
  const policy = input.policy ?? DEFAULT_POLICY;
  const grid = new CellGrid(input.classification);
  const truth = truthFromAggregates(grid, input.aggregates);
  const ctx = buildReleaseContext(grid, knowledgeFromTruth(grid, truth), { periodStart: input.periodStart, periodEnd: input.periodEnd }, input.priorReleases);
  const reasons: (SuppressionReason | undefined)[] = suppressPrimaryCells(grid, truth, policy);
  suppressDifferencingCells(ctx, truth, policy, reasons);

  const isBig = (i: number) => truth.count[i] >= 3 * policy.k;
  const cost = Float64Array.from(truth.count, (_, i) => (isBig(i) ? 1 : 0));
  const program = patternProgram(grid, ctx.system, truth, policy.k, cost, (i) => reasons[i] !== undefined);
  let bigCells = 0;
  let bigHiddenByRules = 0;
  for (let i = 0; i < grid.size; i++) {
    if (!isBig(i)) continue;
    bigCells++;
    if (reasons[i] !== undefined) bigHiddenByRules++;
  }

  const highs = await loadHighs();
  const deadline = t0 + input.timeLimitSeconds * 1000;
  const parts = independentParts(program);
  let minBigHidden = bigHiddenByRules;
  let openParts = 0;
  for (const part of parts) {
    const secondsLeft = Math.max(0.1, (deadline - performance.now()) / 1000);
    const solved = fewestBigHidden(highs, part.program, secondsLeft);
    if (!solved.optimal) openParts++;
    minBigHidden += solved.proven;
  }
  return {
    bigCells,
    bigHiddenByRules,
    minBigHidden,
    keptAtMost: bigCells === 0 ? 1 : (bigCells - minBigHidden) / bigCells,
    closed: openParts === 0,
    parts: parts.length,
    openParts,
    ms: performance.now() - t0,
  };
}

/** The part's optimum when closed, else the solver's proven dual bound (rounded up: costs are whole). */
function fewestBigHidden(highs: Highs, program: PatternProgram, seconds: number): { proven: number; optimal: boolean } {
  const model = highs.createModel(programMatrix(program, highs.infinity));
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_pool_soft_limit: 10, time_limit: seconds });
    const { modelStatus } = model.run();
    if (modelStatus === highs.constants.modelStatus.optimal) {
      const y: number[] = Array.from(model.getSolution().colValue ?? [], (v) => (v > 0.5 ? 1 : 0));
      if (y.length === program.colLower.length && satisfies(program, y)) {
        return { proven: Math.round(y.reduce((s, v, c) => s + v * program.colCost[c], 0)), optimal: true };
      }
    }
    const dual = Number(model.info.get('mip_dual_bound'));
    return { proven: Number.isFinite(dual) ? Math.max(0, Math.ceil(dual - 1e-6)) : 0, optimal: false };
  } finally {
    model.dispose();
  }
}

