import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { tokyoDate } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { I18n, readForm, type FormErrors, type Lang } from '@hokenshitsu/web';
import { ApplicationPlanDto } from '../../applications/application-plan.dto.js';
import { actionsFor, TARGETS } from '../../applications/application-states.js';
import type { SubsidyApplication } from '../../applications/subsidy-application.entity.js';
import { SubsidyApplicationsService } from '../../applications/subsidy-applications.service.js';
import { SubsidyFilesService } from '../../files/subsidy-files.service.js';
import { toNoticeResponse } from '../../notices/notice.response.js';
import { NoticesService } from '../../notices/notices.service.js';
import type { SubsidyProgram } from '../../programs/subsidy-program.entity.js';
import { SubsidyProgramsService } from '../../programs/subsidy-programs.service.js';
import { SME_CATEGORIES, smeCategoryOfDivision } from '../../rules/eligibility-rules.js';
import { fiscalYearRange, withdrawalLastDay } from '../../rules/subsidy-dates.js';
import { formErrors, PLAN_FIELDS, PLAN_FORM, planValuesOf, readPlanForm, withoutRefused, type PlanValues } from './application-form.js';
import { figuresOf, stepsOf, summaryOf, termsView, yenText } from './company-application-view.js';

/** A notice as her status page lists it (the PDF once the worker has made it). */
export interface NoticeLink {
  id: string;
  kind: string;
  /** The locale key of its name: 交付決定通知書, or 変更交付決定通知書 for a change's decision. */
  nameKey: string;
  number: string;
  issuedOn: string;
  ready: boolean;
  href: string | null;
}

export interface EditOverrides {
  values?: PlanValues;
  errors?: FormErrors;
  notice?: string;
}

export interface ShowOverrides {
  /** Which action form the errors and values belong to. */
  form?: 'report' | 'claim' | 'change' | 'withdraw' | 'upload';
  values?: Record<string, string>;
  errors?: FormErrors;
  notice?: string;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

/**
 * What the company manager's subsidy pages show, read through the domain's services (which hold
 * every rule and the "not found" for another company's application). The pages' controllers only
 * read forms and pick what to render.
 */
@Injectable()
export class CompanySubsidyPagesService {
  constructor(
    private readonly applications: SubsidyApplicationsService,
    private readonly programs: SubsidyProgramsService,
    private readonly files: SubsidyFilesService,
    private readonly companies: CompaniesService,
    private readonly notices: NoticesService,
    private readonly i18n: I18n,
  ) {}

  async listModel(viewer: AuthenticatedUser) {
    const today = this.applications.today();
    const [open, mine] = await Promise.all([this.programs.allOpenToday(), this.applications.list(viewer, { limit: 100, offset: 0 })]);
    // Newest first: what she is working on now is at the top.
    const cards = [...mine.rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((a) => summaryOf(a, today));
    // Usually one programme is open; should two be (a fiscal year's second call), each has its own button.
    return { titleKey: 'subsidyCompany.list.title', programs: open.map(termsView), applications: cards, formKey: randomUUID() };
  }

  /** The 交付申請 form, as saved or as she last posted it. */
  async editModel(viewer: AuthenticatedUser, id: string, lang: Lang, o: EditOverrides = {}) {
    const { application: a, program } = await this.applications.withProgram(viewer, id);
    const company = await this.companies.get(viewer, a.companyId);
    const quotes = (await this.files.list(viewer, a.id)).filter((f) => f.kind === 'quote');
    const values = o.values ?? planValuesOf(a);
    const fy = fiscalYearRange(program.fiscalYear);
    const returnedFields = Object.fromEntries((a.returnFields ?? []).map((f) => [f.field, f.comment]));
    return {
      titleKey: 'subsidyCompany.form.title',
      failed: Boolean(o.errors),
      errors: o.errors,
      notice: o.notice,
      application: { id: a.id, state: a.state, revision: a.revision, editable: a.state === 'draft' || a.state === 'returned' },
      companyName: company.name,
      values,
      targets: TARGETS.map((code) => ({ code, checked: values.target === code })),
      // 中小企業基本法: only an industry the law leaves open asks her for the category.
      smeCategories: company.industry !== 'S' && smeCategoryOfDivision(company.industry) === null ? SME_CATEGORIES.map((code) => ({ code, checked: values.sme_category === code })) : null,
      hints: { min: program.minMinutesPerSession, cap: yenText(program.maxPricePerSessionYen), fy: program.fiscalYear, from: fy.start, to: fy.end },
      figures: figuresOf(a, program, this.i18n, lang),
      returned: a.state === 'returned' ? { comment: a.returnComment, fields: returnedFields, list: (a.returnFields ?? []).map((f) => f.field) } : null,
      quotes,
      formKey: randomUUID(),
    };
  }

  /** Where it stands, and the forms of what she may do next. */
  async showModel(viewer: AuthenticatedUser, id: string, lang: Lang, o: ShowOverrides = {}) {
    const { application: a, program } = await this.applications.withProgram(viewer, id);
    const today = this.applications.today();
    const [files, notices] = await Promise.all([this.files.list(viewer, a.id), this.noticesOf(viewer, a.id)]);
    const actions = actionsFor(a.state, 'company');
    const lastDay = a.state === 'approved' && a.decidedAt ? withdrawalLastDay(tokyoDate(a.decidedAt), program.withdrawalDays) : null;
    const canWithdraw = actions.includes('withdraw') && (lastDay === null || today <= lastDay);
    const values = o.values ?? {};
    const errorsFor = (form: ShowOverrides['form']) => (o.form === form ? o.errors : undefined);
    return {
      titleKey: 'subsidyCompany.show.title',
      failed: Boolean(o.errors),
      errors: o.errors,
      notice: o.notice,
      summary: summaryOf(a, today),
      steps: stepsOf(a.state),
      stopped: a.state === 'rejected' || a.state === 'withdrawn',
      plan: planText(a),
      figures: figuresOf(a, program, this.i18n, lang),
      pendingChange: a.pendingChange ? { amount: yenText(BigInt(a.pendingChange.requested_yen)) } : null,
      notices,
      files: files.map((f) => ({ ...f, href: `/api/v1/subsidy-applications/${a.id}/files/${f.id}` })),
      report: actions.includes('report') && !a.pendingChange ? { values: o.form === 'report' ? values : {}, errors: errorsFor('report') ?? errorsFor('upload'), invoices: files.filter((f) => f.kind !== 'quote') } : null,
      claim: actions.includes('claim') ? { amount: yenText(a.confirmedYen), values: o.form === 'claim' ? values : { account_type: 'ordinary' }, errors: errorsFor('claim') } : null,
      change: actions.includes('change-request') && !a.pendingChange ? { values: o.form === 'change' ? values : {}, errors: errorsFor('change') } : null,
      withdraw: canWithdraw ? { lastDay, errors: errorsFor('withdraw') } : null,
      formKey: randomUUID(),
    };
  }

  async withdrawModel(viewer: AuthenticatedUser, id: string) {
    const { application: a, program } = await this.applications.withProgram(viewer, id);
    const lastDay = a.state === 'approved' && a.decidedAt ? withdrawalLastDay(tokyoDate(a.decidedAt), program.withdrawalDays) : null;
    return { titleKey: 'subsidyCompany.withdraw.title', summary: summaryOf(a, this.applications.today()), lastDay, formKey: randomUUID() };
  }

  /**
   * The script's autosave: the fields that pass the API's own checks are saved (so one half-typed
   * number never holds back the rest), the others are named in her language; the answer carries
   * the figures and the rule lines computed by the server.
   */
  async autosave(viewer: AuthenticatedUser, id: string, body: Record<string, unknown>, revision: number | undefined, lang: Lang) {
    const { plain } = readPlanForm(body);
    const errors = formErrors(this.i18n, PLAN_FORM, PLAN_FIELDS);
    await readForm(ApplicationPlanDto, plain, errors);
    const refused = errors.build().list;
    const saved = await this.applications.saveDraft(viewer, id, { ...withoutRefused(plain, refused.map((e) => e.field)), revision });
    return this.figuresAnswer(saved, lang, refused.map((e) => ({ field: e.field, text: this.i18n.t(lang, e.key, e.vars) })));
  }

  private async figuresAnswer(a: SubsidyApplication, lang: Lang, errors: { field: string; text: string }[]) {
    const program: SubsidyProgram = await this.programs.get(a.programId);
    const figures = figuresOf(a, program, this.i18n, lang);
    return {
      revision: a.revision,
      state: a.state,
      eligible_cost_yen: a.eligibleCostYen === null ? null : Number(a.eligibleCostYen),
      requested_yen: a.requestedYen === null ? null : Number(a.requestedYen),
      eligible_text: figures ? this.i18n.t(lang, 'subsidyCompany.yen', { amount: figures.eligibleCostYen }) : null,
      requested_text: figures ? this.i18n.t(lang, 'subsidyCompany.yen', { amount: figures.requestedYen }) : null,
      cost_line: figures ? this.i18n.t(lang, 'subsidyCompany.form.costLine', figures.costLine) : null,
      steps: figures?.steps.map((s) => ({ rule: s.rule, text: s.text, yen: s.yen, yen_text: this.i18n.t(lang, 'subsidyCompany.yen', { amount: s.yen }) })) ?? [],
      saved_at: this.i18n.t(lang, 'subsidyCompany.form.savedAt', { time: timeFormat.format(a.updatedAt) }),
      errors,
    };
  }

  /** Her application's notices, as the notices API answers them (the same PDF links). */
  private async noticesOf(viewer: AuthenticatedUser, applicationId: string): Promise<NoticeLink[]> {
    const rows = await this.notices.forApplication(viewer, applicationId);
    return rows.map((row) => {
      const n = toNoticeResponse(row);
      const nameKey = row.kind === 'decision' && row.change ? 'subsidyCompany.show.changeNotice' : `subsidies.notice.${row.kind}`;
      return { id: n.id, kind: n.kind, nameKey, number: n.number, issuedOn: n.issued_on, ready: n.pdf_url !== null, href: n.pdf_url };
    });
  }
}

function planText(a: SubsidyApplication) {
  if (a.employees === null || a.sessionsPerEmployee === null || a.minutesPerSession === null || a.pricePerSessionYen === null) return null;
  return {
    employees: a.employees,
    sessions: a.sessionsPerEmployee,
    minutes: a.minutesPerSession,
    price: yenText(a.pricePerSessionYen),
    from: a.periodStart,
    to: a.periodEnd,
    consultant: a.consultantName,
    target: a.target,
  };
}
