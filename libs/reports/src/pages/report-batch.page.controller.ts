import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReleasesService } from '@hokenshitsu/digests';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { renderPage } from '@hokenshitsu/web';
import { ReportsService } from '../reports/reports.service.js';

/**
 * How far the reports queued by publishing a release have got. It lives here and not on the
 * release page because digests must not know reports (reports depends on digests); the release
 * page links to it.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/releases')
export class ReportBatchPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly releases: ReleasesService,
  ) {}

  @Get(':id/reports')
  async show(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const batch = await this.reports.batch(user, id);
    const release = await this.releases.get(user, id);
    const working = batch.queued + batch.rendering;
    renderPage(res, 'reports/batch', {
      titleKey: 'reports.batch.title',
      release: { id: release.id, label: release.label },
      batch: { ...batch, working, settled: batch.done + batch.failed, finished: working === 0, percent: batch.total ? Math.floor(((batch.done + batch.failed) / batch.total) * 100) : 0 },
      autoRefresh: working > 0 ? 2 : undefined,
    });
  }
}
