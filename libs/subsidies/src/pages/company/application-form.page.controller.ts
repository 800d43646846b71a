import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConflictError, DomainError, RuleViolationError } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormRefusedError, I18n, readForm, renderPage, wholeNumber, type Lang } from '@hokenshitsu/web';
import { ApplicationPlanDto } from '../../applications/application-plan.dto.js';
import { ApplicationTransitionsService } from '../../applications/application-transitions.service.js';
import { SubsidyApplicationsService } from '../../applications/subsidy-applications.service.js';
import { SubsidyFilesService } from '../../files/subsidy-files.service.js';
import { addProblems, formErrors, formIdempotency, PLAN_FIELDS, PLAN_FORM, readPlanForm } from './application-form.js';
import { CompanySubsidyPagesService, type EditOverrides } from './company-subsidy-pages.service.js';
import type { EvidenceFormRequest } from './evidence-form.middleware.js';

/**
 * The 交付申請 form. With script, subsidy-form.js saves each change through `autosave` and shows
 * the figures the server computed; without it, "一時保存" and "申請する" post the whole form here.
 * Every check is the API's (ApplicationPlanDto, then the service's submit rules), shown beside
 * its field in her language.
 */
@ApiExcludeController()
@Roles('company_manager')
@Controller('subsidies/applications')
export class ApplicationFormPageController {
  constructor(
    private readonly pages: CompanySubsidyPagesService,
    private readonly applications: SubsidyApplicationsService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly files: SubsidyFilesService,
    private readonly i18n: I18n,
  ) {}

  @Get(':id/edit')
  async edit(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Query('saved') saved: unknown, @Query('uploaded') uploaded: unknown, @Res() res: Response): Promise<void> {
    const notice = saved === '1' ? 'subsidyCompany.form.saved' : uploaded === '1' ? 'subsidyCompany.show.done.upload' : undefined;
    await this.render(viewer, id, res, { notice });
  }

  /** The form without script: `intent` is the button she pressed (一時保存 or 申請する). */
  @Post(':id/edit')
  async save(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { plain, values } = readPlanForm(body);
    const errors = formErrors(this.i18n, PLAN_FORM, PLAN_FIELDS);
    const dto = await readForm(ApplicationPlanDto, plain, errors);
    if (!dto) return this.render(viewer, id, res, { values }, new FormRefusedError(errors.build()));
    const revision = wholeNumber(field(body, 'revision'));
    try {
      await this.applications.saveDraft(viewer, id, { ...dto, revision: typeof revision === 'number' ? revision : undefined });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      errors.add('revision', ['invalid']);
      return this.render(viewer, id, res, { values, errors: errors.build() }, error);
    }
    if (field(body, 'intent') !== 'submit') return res.redirect(303, `/subsidies/applications/${id}/edit?saved=1`);
    try {
      await this.transitions.act(viewer, id, 'submit', undefined, formIdempotency(body, 'submit', id));
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      const { program } = await this.applications.withProgram(viewer, id);
      addProblems(errors, error.fields, { min: program.minMinutesPerSession });
      return this.render(viewer, id, res, {}, new FormRefusedError(errors.build()));
    }
    res.redirect(303, `/subsidies/applications/${id}?done=submit`);
  }

  /** subsidy-form.js: JSON in, JSON out (a 401 tells the script the session expired: it keeps her input). */
  @Post(':id/autosave')
  @HttpCode(200)
  async autosave(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const revision = typeof body.revision === 'number' ? body.revision : undefined;
    return this.pages.autosave(viewer, id, body, revision, res.locals.lang as Lang);
  }

  /**
   * A quote, invoice or receipt from a page's file form (multipart; EvidenceFormMiddleware has
   * read it, so the CSRF guard saw the form's token). Back to the page it came from.
   */
  @Post(':id/files')
  async upload(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Req() req: EvidenceFormRequest, @Res() res: Response): Promise<void> {
    const kind = field(req.body as Record<string, unknown>, 'kind');
    const back = kind === 'quote' ? `/subsidies/applications/${id}/edit` : `/subsidies/applications/${id}`;
    try {
      if (req.evidenceError) throw req.evidenceError;
      await this.files.upload(viewer, id, kind, req.evidenceUpload!);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404 || error.status === 403) throw error;
      const lang = res.locals.lang as Lang;
      if (kind === 'quote') {
        const errors = formErrors(this.i18n, PLAN_FORM, PLAN_FIELDS).add('quote', [error.status === 400 ? 'required' : 'invalid']);
        return this.render(viewer, id, res, { errors: errors.build() }, error);
      }
      const errors = formErrors(this.i18n, 'subsidyCompany.report', ['file']).add('file', [error.status === 400 ? 'required' : 'invalid']);
      return renderPage(res, 'subsidies/company/show', await this.pages.showModel(viewer, id, lang, { form: 'upload', errors: errors.build() }), error);
    }
    res.redirect(303, `${back}?uploaded=1`);
  }

  private async render(viewer: AuthenticatedUser, id: string, res: Response, o: EditOverrides, refusal?: unknown): Promise<void> {
    const errors = o.errors ?? (refusal instanceof FormRefusedError ? refusal.errors : undefined);
    const model = await this.pages.editModel(viewer, id, res.locals.lang as Lang, { ...o, errors });
    // A submitted or decided application is read on its status page, not edited.
    if (!model.application.editable && !refusal) return res.redirect(303, `/subsidies/applications/${id}`);
    renderPage(res, 'subsidies/company/edit', model, refusal);
  }
}
