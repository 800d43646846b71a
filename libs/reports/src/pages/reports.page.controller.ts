import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReleasesService } from '@hokenshitsu/digests';
import { CurrentUser, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, type Lang } from '@hokenshitsu/web';
import { ReportsService } from '../reports/reports.service.js';
import { RequestReportDto } from '../reports/request-report.dto.js';
import { toReportView } from './report-view.js';

const REQUEST_FIELDS = ['release_id', 'industry', 'size_class', 'locale'] as const;

/**
 * A manager's feedback reports as pages: the digest page's button posts here, the status page
 * follows the render (reloading itself without script), and the list keeps what she asked for.
 * ReportsService holds every rule (who may ask, drafts are "not found" for managers).
 */
@ApiExcludeController()
@Controller('reports')
export class ReportsPageController {
  constructor(
    private readonly reports: ReportsService,
    private readonly releases: ReleasesService,
    private readonly i18n: I18n,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const [mine, releases] = await Promise.all([this.reports.mine(user), this.releases.list(user)]);
    const labels = new Map(releases.map((r) => [r.id, r.label]));
    renderPage(res, 'reports/list', { titleKey: 'reports.list.title', reports: mine.map((r) => toReportView(r, lang, labels.get(r.releaseId))) });
  }

  /**
   * The digest page's button without script. Every field is hidden, so a refusal here means a
   * tampered or outdated form: it gets the error page (Redis down: the 503 page, with Retry-After).
   */
  @Post()
  async request(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const errors = new FormErrorBuilder(this.i18n, 'reports.request', REQUEST_FIELDS);
    const values = Object.fromEntries(REQUEST_FIELDS.map((name) => [name, field(body, name)]));
    const dto = await readForm(RequestReportDto, values, errors);
    if (!dto) throw new FormRefusedError(errors.build());
    const report = await this.reports.request(user, { releaseId: dto.release_id, industry: dto.industry, sizeClass: dto.size_class, locale: dto.locale });
    // Post/redirect/get: reloading the status page asks for nothing again.
    res.redirect(303, `/reports/${report.id}`);
  }

  @Get(':id')
  async show(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const report = await this.reports.get(user, id);
    const release = await this.releases.get(user, report.releaseId);
    const view = toReportView(report, res.locals.lang as Lang, release.label);
    renderPage(res, 'reports/show', {
      titleKey: view.failed ? 'reports.show.failedTitle' : 'reports.show.title',
      report: view,
      // Without script the page reloads itself until the PDF is there; with script, report-download.js polls.
      autoRefresh: view.working ? 2 : undefined,
    });
  }
}
