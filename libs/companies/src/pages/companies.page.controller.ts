import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidStateTransitionError, NotFoundError } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormErrorBuilder, FormRefusedError, I18n, renderPage } from '@hokenshitsu/web';
import { CompaniesService } from '../companies/companies.service.js';
import { COMPANY_STATUSES, type CompanyStatus } from '../companies/company.entity.js';
import { toCompanyRow } from './company-row.js';

const REASON_MAX = 1000;
const DONE = ['verified', 'rejected'] as const;

/** An unknown or missing filter shows what staff most need: the companies waiting for them. */
function statusOf(value: unknown): CompanyStatus {
  return COMPANY_STATUSES.includes(value as CompanyStatus) ? (value as CompanyStatus) : 'pending';
}

interface ListState {
  status: CompanyStatus;
  done?: { action: (typeof DONE)[number]; name: string };
  alreadyReviewed?: boolean;
  /** A refused reject form: which company, what was typed. */
  refused?: { id: string; reason: string };
}

/** City staff verify or reject registered companies; every outcome comes back to the list. */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/companies')
export class CompaniesPageController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly i18n: I18n,
  ) {}

  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: Record<string, string>,
    @Res() res: Response,
  ): Promise<void> {
    const action = DONE.find((d) => d === query.done);
    const name = action && typeof query.company === 'string' ? await this.nameOf(user, query.company) : undefined;
    await this.render(res, user, {
      status: statusOf(query.status),
      done: action && name ? { action, name } : undefined,
      alreadyReviewed: query.error === 'already_reviewed',
    });
  }

  @Post(':id/verify')
  async verify(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, string>, @Res() res: Response): Promise<void> {
    const back = statusOf(field(body, 'status'));
    await this.review(res, back, id, () => this.companies.verify(user, id), 'verified');
  }

  @Post(':id/reject')
  async reject(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, string>, @Res() res: Response): Promise<void> {
    const back = statusOf(field(body, 'status'));
    const reason = field(body, 'reason').trim();
    if (reason.length > REASON_MAX) return this.render(res, user, { status: back, refused: { id, reason } });
    await this.review(res, back, id, () => this.companies.reject(user, id, reason || null), 'rejected');
  }

  /** Post/redirect/get; a company another staff member decided meanwhile is a notice, not an error page. */
  private async review(res: Response, back: CompanyStatus, id: string, act: () => Promise<unknown>, done: (typeof DONE)[number]): Promise<void> {
    try {
      await act();
    } catch (error) {
      if (error instanceof InvalidStateTransitionError) return res.redirect(303, `/staff/companies?status=${back}&error=already_reviewed`);
      throw error;
    }
    res.redirect(303, `/staff/companies?status=${back}&done=${done}&company=${encodeURIComponent(id)}`);
  }

  private async nameOf(user: AuthenticatedUser, id: string): Promise<string | undefined> {
    try {
      return (await this.companies.get(user, id)).name;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async render(res: Response, user: AuthenticatedUser, state: ListState): Promise<void> {
    const rows = (await this.companies.list(user, state.status)).map(toCompanyRow);
    let refusal: FormRefusedError | undefined;
    if (state.refused) {
      // One reject form per row: the error links to that row's reason box.
      const refused = state.refused;
      refusal = new FormRefusedError(
        new FormErrorBuilder(this.i18n, 'staffCompanies', []).add('reason', ['maxLength'], { max: REASON_MAX }).build(),
      );
      const error = { ...refusal.errors.list[0]!, id: `reason-${refused.id}` };
      refusal.errors.list[0] = error;
      const row = rows.find((r) => r.id === refused.id);
      if (row) Object.assign(row, { reasonValue: refused.reason, reasonError: error });
    }
    renderPage(res, 'staff-companies', {
      titleKey: 'staffCompanies.title',
      failed: Boolean(refusal),
      errors: refusal ? { list: refusal.errors.list, byField: {} } : undefined,
      status: state.status,
      filters: COMPANY_STATUSES.map((s) => ({ status: s, current: s === state.status })),
      companies: rows,
      done: state.done,
      alreadyReviewed: state.alreadyReviewed,
    }, refusal);
  }
}
