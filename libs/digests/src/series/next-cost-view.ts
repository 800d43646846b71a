import type { Release } from '../releases/release.entity.js';
import { fiscalYearOf } from '../pages/fiscal-periods.js';
import type { NextCostFigures, ReleaseNextCost } from './release-next-cost.entity.js';
import { keptShare, nextReleaseOf } from './series-figures.js';

/** The two builds staff watch, in the order the worker runs them. */
const STEPS = ['without', 'with'] as const;
type Step = (typeof STEPS)[number];

/** A share as the page writes it: one decimal of a percent ("80.6"), or undefined without large cells. */
export function percentText(share: number | null): string | undefined {
  return share === null ? undefined : (share * 100).toFixed(1);
}

/** "N / M (xx.x %)" as parts, or nothing for a release built before large cells were counted. */
function largeCellsView(large: number | undefined, kept: number | undefined) {
  if (large === undefined || kept === undefined) return undefined;
  return { large, kept, percent: percentText(keptShare(large, kept)) };
}

/**
 * Where a computation is, as the progress page and its JSON poll both give it: the stage the
 * script compares (a new stage reloads the page for its words) and the bar's value.
 */
export function nextCostProgress(cost: ReleaseNextCost) {
  const stage: 'queued' | Step | 'done' | 'failed' = cost.status === 'running' ? (cost.progress >= 50 ? 'with' : 'without') : cost.status;
  return {
    id: cost.id,
    stage,
    finished: cost.status === 'done' || cost.status === 'failed',
    value: cost.progress,
    max: 100,
    step: stage === 'with' ? 2 : 1,
    steps: STEPS.length,
  };
}

function figuresView(f: NextCostFigures) {
  return { ...f, percent: percentText(keptShare(f.largeCells, f.largeCellsKept)) ?? '—' };
}

/** The progress page of one computation: the draft, the year it constrains, the steps, and once done both figures. */
export function toNextCostView(cost: ReleaseNextCost, draft: Release) {
  const progress = nextCostProgress(cost);
  const current = STEPS.indexOf(progress.stage as Step);
  const withDraft = cost.withDraft ? figuresView(cost.withDraft) : undefined;
  const withoutDraft = cost.withoutDraft ? figuresView(cost.withoutDraft) : undefined;
  // Cells the year's release would lose (positive) or gain (negative) by publishing the draft first.
  const lost = withDraft && withoutDraft ? withoutDraft.largeCellsKept - withDraft.largeCellsKept : 0;
  return {
    ...progress,
    fiscalYear: fiscalYearOf(cost.nextStart),
    nextStart: cost.nextStart,
    nextEnd: cost.nextEnd,
    draft: { id: draft.id, label: draft.label, periodStart: draft.periodStart, periodEnd: draft.periodEnd, status: draft.status },
    queued: cost.status === 'queued',
    failed: cost.status === 'failed',
    done: cost.status === 'done',
    stepNumber: progress.step,
    stages: STEPS.map((stage, i) => ({ stage, state: cost.status === 'done' || (current >= 0 && i < current) ? 'done' : i === current ? 'current' : 'waiting' })),
    error: cost.error,
    withDraft,
    withoutDraft,
    effect: lost > 0 ? 'loses' : lost < 0 ? 'gains' : 'same',
    difference: Math.abs(lost),
  };
}

/** One release of the series page; a draft says what it would cost the year, or why it costs no later release. */
export function toSeriesRow(r: Release, cost: ReleaseNextCost | undefined) {
  const next = nextReleaseOf(r.periodStart, r.periodEnd);
  const loss = r.informationLoss;
  const draft = r.status === 'draft';
  return {
    id: r.id,
    label: r.label,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status,
    large: largeCellsView(loss.largeCells, loss.largeCellsKept),
    suppressedCells: loss.suppressedCells,
    totalCells: loss.totalCells,
    draft,
    // A quarter or half: its cost for the year can be computed. The year itself, or one across 31 March: nothing later to cost.
    costable: draft && next.kind === 'fiscal-year',
    isFiscalYear: draft && next.kind === 'is-fiscal-year',
    spansYears: draft && next.kind === 'spans-years',
    cost: cost
      ? {
          id: cost.id,
          status: cost.status,
          running: cost.status === 'queued' || cost.status === 'running',
          withPercent: cost.withDraft ? (percentText(keptShare(cost.withDraft.largeCells, cost.withDraft.largeCellsKept)) ?? '—') : undefined,
          withoutPercent: cost.withoutDraft ? (percentText(keptShare(cost.withoutDraft.largeCells, cost.withoutDraft.largeCellsKept)) ?? '—') : undefined,
        }
      : undefined,
  };
}
