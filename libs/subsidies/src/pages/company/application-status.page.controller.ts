import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConflictError, RuleViolationError } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormRefusedError, I18n, readForm, renderPage, wholeNumber, type FormErrorBuilder, type Lang } from '@hokenshitsu/web';
import type { ClassConstructor } from 'class-transformer';
import { ChangeRequestDto, ClaimDto, ReportResultsDto } from '../../applications/application-actions.dto.js';
import type { ApplicationActionInput } from '../../applications/application-action-inputs.js';
import { ApplicationTransitionsService } from '../../applications/application-transitions.service.js';
import { addProblems, formErrors, formIdempotency } from './application-form.js';
import { CompanySubsidyPagesService, type ShowOverrides } from './company-subsidy-pages.service.js';

const DONE = new Set(['submit', 'report', 'claim', 'change-request', 'withdraw', 'upload']);

/** Each action form: its locale prefix, its fields in page order, and how its body reads. */
const FORMS = {
  report: {
    prefix: 'subsidyCompany.report',
    fields: ['pending_change', 'sessions_held', 'actual_cost_yen', 'invoices', 'case_story', 'publish_case_story'],
    read: (b: Record<string, unknown>) => ({
      sessions_held: wholeNumber(field(b, 'sessions_held')),
      actual_cost_yen: wholeNumber(field(b, 'actual_cost_yen').replace(/[,，]/g, ''), 12),
      case_story: field(b, 'case_story'),
      publish_case_story: field(b, 'publish_case_story') === 'true',
    }),
  },
  claim: {
    prefix: 'subsidyCompany.claim',
    fields: ['bank_name', 'branch_name', 'account_type', 'account_number', 'account_holder_kana'],
    read: (b: Record<string, unknown>) => ({
      bank_name: field(b, 'bank_name'),
      branch_name: field(b, 'branch_name'),
      account_type: field(b, 'account_type'),
      account_number: field(b, 'account_number').normalize('NFKC').trim(),
      // Half-width kana and spaces as the bank prints them are what the DTO expects; full-width digits are not.
      account_holder_kana: field(b, 'account_holder_kana').trim(),
    }),
  },
  change: {
    prefix: 'subsidyCompany.change',
    fields: ['pending_change', 'employees', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen', 'period_end', 'reason'],
    read: (b: Record<string, unknown>) => {
      const out: Record<string, unknown> = { reason: field(b, 'reason') };
      for (const name of ['employees', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen']) {
        const v = field(b, name).replace(/[,，]/g, '');
        if (v.trim()) out[name] = wholeNumber(v);
      }
      if (field(b, 'period_end').trim()) out.period_end = field(b, 'period_end').trim();
      return out;
    },
  },
} as const;

type FormName = keyof typeof FORMS;

/**
 * Where her application stands, and her next action as a form: 実績報告, 交付請求, 変更承認申請,
 * 取下げ (asked twice: a confirmation page that works without script). Refusals come back beside
 * the fields of the form that made them.
 */
@ApiExcludeController()
@Roles('company_manager')
@Controller('subsidies/applications')
export class ApplicationStatusPageController {
  constructor(
    private readonly pages: CompanySubsidyPagesService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly i18n: I18n,
  ) {}

  @Get(':id')
  async show(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Query('done') done: unknown, @Query('uploaded') uploaded: unknown, @Res() res: Response): Promise<void> {
    const action = uploaded === '1' ? 'upload' : typeof done === 'string' && DONE.has(done) ? done : undefined;
    await this.render(viewer, id, res, { notice: action ? `subsidyCompany.show.done.${action}` : undefined });
  }

  @Post(':id/report')
  report(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.act(viewer, id, body, res, 'report', 'report', ReportResultsDto);
  }

  @Post(':id/claim')
  claim(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.act(viewer, id, body, res, 'claim', 'claim', ClaimDto);
  }

  @Post(':id/change-request')
  change(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.act(viewer, id, body, res, 'change', 'change-request', ChangeRequestDto);
  }

  /** 取下げ cannot be undone: the status page's button leads here, and only this page's button withdraws. */
  @Get(':id/withdraw')
  async askWithdraw(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    renderPage(res, 'subsidies/company/withdraw', await this.pages.withdrawModel(viewer, id));
  }

  @Post(':id/withdraw')
  async withdraw(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    if (field(body, 'confirm') !== 'yes') return res.redirect(303, `/subsidies/applications/${id}/withdraw`);
    try {
      await this.transitions.act(viewer, id, 'withdraw', undefined, formIdempotency(body, 'withdraw', id));
    } catch (error) {
      if (!(error instanceof ConflictError) || error.fields.length === 0) throw error;
      const errors = formErrors(this.i18n, 'subsidyCompany.withdraw', ['state']).add('state', ['invalid']);
      return this.render(viewer, id, res, { form: 'withdraw', errors: errors.build() }, error);
    }
    res.redirect(303, `/subsidies/applications/${id}?done=withdraw`);
  }

  private async act<A extends 'report' | 'claim' | 'change-request'>(
    viewer: AuthenticatedUser, id: string, body: Record<string, unknown>, res: Response, form: FormName, action: A, dtoClass: ClassConstructor<object>,
  ): Promise<void> {
    const spec = FORMS[form];
    const values = Object.fromEntries(spec.fields.map((name) => [name, field(body, name)]));
    const errors: FormErrorBuilder = formErrors(this.i18n, spec.prefix, spec.fields);
    const dto = await readForm(dtoClass, spec.read(body), errors);
    if (!dto) return this.render(viewer, id, res, { form, values, errors: errors.build() }, new FormRefusedError(errors.build()));
    try {
      await this.transitions.act(viewer, id, action, dto as ApplicationActionInput[A], formIdempotency(body, action, id, dto));
    } catch (error) {
      // Refusals that name her fields (no invoice attached, a change pending) come back beside them.
      if (!(error instanceof RuleViolationError || error instanceof ConflictError) || error.fields.length === 0) throw error;
      addProblems(errors, error.fields);
      return this.render(viewer, id, res, { form, values, errors: errors.build() }, error);
    }
    res.redirect(303, `/subsidies/applications/${id}?done=${action}`);
  }

  private async render(viewer: AuthenticatedUser, id: string, res: Response, o: ShowOverrides, refusal?: unknown): Promise<void> {
    renderPage(res, 'subsidies/company/show', await this.pages.showModel(viewer, id, res.locals.lang as Lang, o), refusal);
  }
}
