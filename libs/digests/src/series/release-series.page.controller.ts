import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BadInputError, Clock, tokyoDate } from '@hokenshitsu/core';
import { DEFAULT_POLICY } from '@hokenshitsu/disclosure';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, renderPage } from '@hokenshitsu/web';
import { fiscalYearOf } from '../pages/fiscal-periods.js';
import { ReleasesService } from '../releases/releases.service.js';
import { nextCostProgress, toNextCostView, toSeriesRow } from './next-cost-view.js';
import { NextCostService } from './next-cost.service.js';
import { ReleaseSeriesService } from './release-series.service.js';

/**
 * The release series for staff: a fiscal year's releases by period, what each keeps of its cells
 * of 3k or more clients, and for a draft what publishing it would cost the year's release. The
 * computation runs in the worker; its page follows it like a release build's (a no-script refresh,
 * or the poll of long-operation.js) and shows both figures when done.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/release-series')
export class ReleaseSeriesPageController {
  constructor(
    private readonly series: ReleaseSeriesService,
    private readonly nextCosts: NextCostService,
    private readonly releases: ReleasesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const years = await this.series.fiscalYears();
    const fiscalYear = chosenYear(query.fiscal_year) ?? years[0] ?? fiscalYearOf(tokyoDate(this.clock.now()));
    const { start, end, releases } = await this.series.series(fiscalYear);
    const costs = await this.nextCosts.currentFor({ start, end }, releases.filter((r) => r.status === 'draft'));
    renderPage(res, 'releases/series', {
      titleKey: 'releaseSeries.title',
      fiscalYear,
      start,
      end,
      years: [...new Set([...years, fiscalYear])].sort((a, b) => b - a).map((year) => ({ year, selected: year === fiscalYear })),
      rows: releases.map((r) => toSeriesRow(r, costs.get(r.id))),
      k: DEFAULT_POLICY.k,
      large: 3 * DEFAULT_POLICY.k,
    });
  }

  /** Queues the computation (or finds the one already there) and sends staff to its progress page. */
  @Post('costs')
  async request(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const cost = await this.nextCosts.request(user, field(body, 'release_id'));
    // Post/redirect/get: reloading the progress page never asks again.
    res.redirect(303, `/staff/release-series/costs/${cost.id}`);
  }

  @Get('costs/:id')
  async cost(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const cost = await this.nextCosts.get(id);
    const draft = await this.releases.get(user, cost.releaseId);
    const view = toNextCostView(cost, draft);
    renderPage(res, 'releases/next-cost', {
      titleKey: view.failed ? 'releaseSeries.cost.failedTitle' : view.done ? 'releaseSeries.cost.doneTitle' : 'releaseSeries.cost.title',
      cost: view,
      large: 3 * DEFAULT_POLICY.k,
      autoRefresh: view.finished ? undefined : 2,
    });
  }

  /** What the page's script polls: the stage, the bar's value, and where to go when it is finished. */
  @Get('costs/:id/status')
  async status(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const progress = nextCostProgress(await this.nextCosts.get(id));
    res.json({ ...progress, location: progress.finished ? `/staff/release-series/costs/${id}` : null });
  }
}

/** The year asked for; a malformed one is refused by its field, as the API refuses it. */
function chosenYear(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2099)) {
    throw new BadInputError('fiscal_year must be a fiscal year such as 2025 (April 2025 to March 2026)', [{ field: 'fiscal_year', message: 'not a fiscal year' }]);
  }
  return year;
}
