import { ApiProperty } from '@nestjs/swagger';
import type { Release, ReleaseStatus } from '../releases/release.entity.js';
import type { NextCostFigures, NextCostStatus, ReleaseNextCost } from './release-next-cost.entity.js';
import { keptShare } from './series-figures.js';

/** One release of a fiscal year's series. Staff only: the large-cell counts never go in a public answer. */
export class ReleaseSeriesEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) period_start: string;
  @ApiProperty({ format: 'date' }) period_end: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: ReleaseStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'cells of at least 3k clients (null: built before they were counted)' }) large_cells: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'how many of them stay published' }) large_cells_kept: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'kept / large, to 0.001; null without large cells' }) kept_share: number | null;
  @ApiProperty() suppressed_cells: number;
  @ApiProperty() total_cells: number;
  @ApiProperty() built_at: string;
  @ApiProperty({ nullable: true, type: String }) published_at: string | null;
}

export class ReleaseSeriesResponse {
  @ApiProperty({ description: 'Japanese fiscal year: 1 April of this year to 31 March of the next' }) fiscal_year: number;
  @ApiProperty({ type: [ReleaseSeriesEntryResponse] }) releases: ReleaseSeriesEntryResponse[];
}

export class NextCostFiguresResponse {
  @ApiProperty({ description: 'cells of at least 3k clients in the fiscal year\'s release' }) large_cells: number;
  @ApiProperty() large_cells_kept: number;
  @ApiProperty({ nullable: true, type: Number }) kept_share: number | null;
  @ApiProperty() suppressed_cells: number;
  @ApiProperty({ description: 'the engine\'s time for this build' }) build_ms: number;
}

export class NextCostResponse {
  @ApiProperty({ format: 'uuid', description: 'the computation (the same while it is queued or running)' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: NextCostStatus;
  @ApiProperty({ description: '0, 50 after the first build, 100' }) progress: number;
  @ApiProperty({ description: 'the release it constrains: the fiscal year, {period_start, period_end}' }) next: { period_start: string; period_end: string };
  @ApiProperty({ nullable: true, type: NextCostFiguresResponse, description: 'the fiscal year built with this draft published' }) with: NextCostFiguresResponse | null;
  @ApiProperty({ nullable: true, type: NextCostFiguresResponse, description: 'the fiscal year built without it' }) without: NextCostFiguresResponse | null;
  @ApiProperty({ required: false, description: 'why it failed' }) error?: string;
}

export function toReleaseSeriesEntry(r: Release): ReleaseSeriesEntryResponse {
  const loss = r.informationLoss;
  return {
    id: r.id,
    label: r.label,
    period_start: r.periodStart,
    period_end: r.periodEnd,
    status: r.status,
    large_cells: loss.largeCells ?? null,
    large_cells_kept: loss.largeCellsKept ?? null,
    kept_share: keptShare(loss.largeCells, loss.largeCellsKept),
    suppressed_cells: loss.suppressedCells,
    total_cells: loss.totalCells,
    built_at: r.createdAt.toISOString(),
    published_at: r.publishedAt ? r.publishedAt.toISOString() : null,
  };
}

export function toReleaseSeriesResponse(series: { fiscalYear: number; releases: Release[] }): ReleaseSeriesResponse {
  return { fiscal_year: series.fiscalYear, releases: series.releases.map(toReleaseSeriesEntry) };
}

function toFigures(f: NextCostFigures | null): NextCostFiguresResponse | null {
  if (!f) return null;
  return { large_cells: f.largeCells, large_cells_kept: f.largeCellsKept, kept_share: keptShare(f.largeCells, f.largeCellsKept), suppressed_cells: f.suppressedCells, build_ms: f.buildMs };
}

/** The status contract: `{id, status, progress, next, with, without, error?}`. */
export function toNextCostResponse(c: ReleaseNextCost): NextCostResponse {
  const body: NextCostResponse = {
    id: c.id,
    status: c.status,
    progress: c.progress,
    next: { period_start: c.nextStart, period_end: c.nextEnd },
    with: toFigures(c.withDraft),
    without: toFigures(c.withoutDraft),
  };
  if (c.error && c.status !== 'done') body.error = c.error;
  return body;
}

/** A request's answer (202): `{id, status, progress}`. */
export function toNextCostAccepted(c: ReleaseNextCost): { id: string; status: NextCostStatus; progress: number } {
  return { id: c.id, status: c.status, progress: c.progress };
}
