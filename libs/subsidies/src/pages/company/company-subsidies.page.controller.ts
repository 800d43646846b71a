import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RuleViolationError } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, I18n, renderPage } from '@hokenshitsu/web';
import { SubsidyApplicationsService } from '../../applications/subsidy-applications.service.js';
import { SubsidyProgramsService } from '../../programs/subsidy-programs.service.js';
import { formErrors } from './application-form.js';
import { CompanySubsidyPagesService } from './company-subsidy-pages.service.js';

/** Her subsidy home: the open programme's terms in plain words and her applications as cards. */
@ApiExcludeController()
@Roles('company_manager')
@Controller('subsidies')
export class CompanySubsidiesPageController {
  constructor(
    private readonly pages: CompanySubsidyPagesService,
    private readonly applications: SubsidyApplicationsService,
    private readonly programs: SubsidyProgramsService,
    private readonly i18n: I18n,
  ) {}

  @Get()
  async list(@CurrentUser() viewer: AuthenticatedUser, @Res() res: Response): Promise<void> {
    renderPage(res, 'subsidies/company/list', await this.pages.listModel(viewer));
  }

  /** 新しく申請する: an empty draft of the programme whose button she pressed, then its form (post/redirect/get). */
  @Post('applications')
  async create(@CurrentUser() viewer: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const open = await this.programs.allOpenToday();
    const program = open.find((p) => p.id === field(body, 'program_id')) ?? (open.length === 1 ? open[0] : undefined);
    try {
      if (!program) throw new RuleViolationError('no programme accepts applications today', [{ field: 'program_id', message: 'none open' }]);
      const key = field(body, 'form_key');
      const { application } = await this.applications.create(viewer, program.id, {}, /^[0-9a-f-]{36}$/.test(key) ? `page:${key}:${program.id}` : undefined, 'create');
      res.redirect(303, `/subsidies/applications/${application.id}/edit`);
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      const errors = formErrors(this.i18n, 'subsidyCompany.form', ['program_id']).add('program_id', ['invalid']);
      renderPage(res, 'subsidies/company/list', { ...(await this.pages.listModel(viewer)), errors: errors.build(), failed: true }, error);
    }
  }
}
