import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { BadInputError, DomainError, NotFoundError } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, type FormErrors, type Lang } from '@hokenshitsu/web';
import type { ApplicationActionInput } from '../../applications/application-action-inputs.js';
import { ApplicationQueueQuery } from '../../applications/application-queue.query.js';
import { APPLICATION_STATES, type ApplicationState } from '../../applications/application-states.js';
import { ApplicationTransitionsService } from '../../applications/application-transitions.service.js';
import { NoticesService } from '../../notices/notices.service.js';
import { CaseStoriesService } from '../../applications/case-stories.service.js';
import type { SubsidyApplication } from '../../applications/subsidy-application.entity.js';
import { SubsidyApplicationsService } from '../../applications/subsidy-applications.service.js';
import { SubsidyProgramsService } from '../../programs/subsidy-programs.service.js';
import { ApplicationReviewService } from '../../review/application-review.service.js';
import { ACTION_DTOS, ACTION_FIELDS, ACTION_FORM, addRefusal, pageChecks, readActionForm, scoped, STAFF_PAGE_ACTIONS, type StaffPageAction } from './action-forms.js';
import { confirmationSummary } from './confirm-summary.js';
import { reviewView } from './review-view.js';
import { tokyoMinute, yenText } from './staff-format.js';

const QUEUE_FORM = 'subsidyStaff.queue';
const QUEUE_FIELDS = ['state', 'program_id', 'older_than_days', 'overdue'];
const PAGE_SIZE = 100;

interface Refused {
  action: string;
  errors?: FormErrors;
  formMessage?: { key: string; vars?: Record<string, string> };
  values: Record<string, string | string[]>;
}

/**
 * The review queue and one application's review page. Every action goes through
 * ApplicationTransitionsService.act (or CaseStoriesService.decide); each irreversible one is asked
 * twice: the form leads to a confirmation step with the figures, whose button acts.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/subsidies/applications')
export class SubsidyReviewPageController {
  constructor(
    private readonly applications: SubsidyApplicationsService,
    private readonly reviews: ApplicationReviewService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly stories: CaseStoriesService,
    private readonly programs: SubsidyProgramsService,
    private readonly companies: CompaniesService,
    private readonly notices: NoticesService,
    private readonly i18n: I18n,
  ) {}

  /** Oldest first; on a first visit the applications waiting for a decision. */
  @Get()
  async queue(@CurrentUser() staff: AuthenticatedUser, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const values = Object.fromEntries(QUEUE_FIELDS.map((n) => [n, field(query, n).trim()]));
    const firstVisit = !QUEUE_FIELDS.some((n) => n in query);
    if (firstVisit) values.state = 'submitted';
    const errors = new FormErrorBuilder(this.i18n, QUEUE_FORM, QUEUE_FIELDS);
    const plain = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    const offset = Math.min(1_000_000, Math.max(0, Math.floor(Number(field(query, 'offset')) || 0)));
    const q = await readForm(ApplicationQueueQuery, plain, errors);
    const programs = await this.programs.list();
    let rows: { application: SubsidyApplication }[] = [];
    let total = 0;
    if (q) {
      const states: ApplicationState[] = q.state ? [q.state] : APPLICATION_STATES.filter((s) => s !== 'draft');
      const today = this.applications.today();
      const found = await this.applications.list(staff, { programId: q.program_id, states, olderThanDays: q.older_than_days, overdueOn: q.overdue === 'true' ? today : undefined, limit: PAGE_SIZE, offset });
      rows = found.rows.map((application) => ({ application }));
      total = found.total;
    }
    const names = new Map((await this.companies.list(staff)).map((c) => [c.id, c.name]));
    const fy = new Map(programs.map((p) => [p.id, p.fiscalYear]));
    const today = this.applications.today();
    const now = Date.now();
    const built = errors.empty ? undefined : errors.build();
    renderPage(res, 'subsidies/staff/queue', {
      titleKey: 'subsidyStaff.queue.title',
      failed: Boolean(built),
      errors: built,
      values,
      states: APPLICATION_STATES.filter((s) => s !== 'draft').map((s) => ({ state: s, selected: values.state === s })),
      programs: programs.map((p) => ({ id: p.id, fiscalYear: p.fiscalYear, selected: values.program_id === p.id })),
      overdue: values.overdue === 'true',
      total,
      shown: rows.length,
      more: offset + rows.length < total ? { href: `/staff/subsidies/applications?${new URLSearchParams({ ...values, offset: String(offset + PAGE_SIZE) }).toString()}` } : null,
      items: rows.map(({ application: a }) => {
        const since = a.submittedAt ?? a.createdAt;
        return {
          id: a.id, companyName: names.get(a.companyId) ?? '—', fiscalYear: fy.get(a.programId), state: a.state, stateLabel: this.i18n.t(lang, `subsidies.state.${a.state}`),
          requested: yenText(a.requestedYen, lang), approved: a.approvedYen === null ? null : yenText(a.approvedYen, lang),
          submittedAt: a.submittedAt ? tokyoMinute(a.submittedAt) : '—', waitingDays: Math.floor((now - since.getTime()) / 86_400_000),
          reportDueOn: a.reportDueOn, overdue: a.state === 'approved' && a.reportDueOn !== null && today > a.reportDueOn,
          resubmitted: a.firstSubmittedAt !== null && a.submittedAt !== null && a.submittedAt.getTime() !== a.firstSubmittedAt.getTime(),
        };
      }),
    }, built ? new FormRefusedError(built) : undefined);
  }

  @Get(':id')
  async show(@CurrentUser() staff: AuthenticatedUser, @Param('id') id: string, @Query('done') done: unknown, @Res() res: Response): Promise<void> {
    await this.renderReview(res, staff, id, { done: typeof done === 'string' && /^[a-z-]{1,40}$/.test(done) ? done : undefined });
  }

  @Post(':id/case-story')
  async caseStory(@CurrentUser() staff: AuthenticatedUser, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const decision = field(body, 'decision');
    if (decision !== 'publish' && decision !== 'decline') throw new BadInputError('decision must be publish or decline', [{ field: 'decision', message: 'must be publish or decline' }]);
    try {
      await this.stories.decide(staff, id, decision);
      res.redirect(303, `/staff/subsidies/applications/${id}?done=case-story-${decision}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof NotFoundError) throw error;
      await this.renderReview(res, staff, id, { refused: { action: 'case-story', formMessage: { key: `${ACTION_FORM}.errors.caseStory` }, values: {} } }, error);
    }
  }

  /** A notice whose renders all failed, made again (its number and words as issued). */
  @Post(':id/notices/:noticeId/render')
  async renderNotice(@CurrentUser() staff: AuthenticatedUser, @Param('id') id: string, @Param('noticeId') noticeId: string, @Res() res: Response): Promise<void> {
    await this.notices.renderAgain(staff, noticeId);
    res.redirect(303, `/staff/subsidies/applications/${id}?done=notice-render`);
  }

  /**
   * An action's form: first the confirmation step (its figures and a final button), then, with
   * `step=final`, the action itself. A refusal at either step shows the review page with the
   * error beside the field, in her language.
   */
  @Post(':id/:action')
  async act(@CurrentUser() staff: AuthenticatedUser, @Param('id') id: string, @Param('action') name: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    if (!(STAFF_PAGE_ACTIONS as readonly string[]).includes(name)) throw new NotFoundError('page');
    const action = name as StaffPageAction;
    const lang = res.locals.lang as Lang;
    const { plain, carried } = readActionForm(action, body);
    const values: Record<string, string | string[]> = Object.fromEntries(carried.map((c) => [c.name, c.value]));
    values.fields = carried.filter((c) => c.name === 'fields').map((c) => c.value);
    const errors = new FormErrorBuilder(this.i18n, ACTION_FORM, ACTION_FIELDS[action]);
    const { application, program } = await this.applications.withProgram(staff, id);
    const ceiling = action === 'approve' ? application.requestedYen : action === 'approve-change' && application.pendingChange ? BigInt(application.pendingChange.requested_yen) : null;
    // A field named without its comment is the page's own check, beside that field's comment box:
    // the DTO would report it as a bare `comment`, which is the general comment's name.
    if (action === 'return') pageChecks(action, plain, ceiling, errors);
    const checkedPlain = action === 'return' ? { ...plain, fields: (plain.fields as { comment: string }[]).filter((f) => f.comment) } : plain;
    const dtoClass = action === 'confirm' ? undefined : ACTION_DTOS[action];
    const dto = dtoClass ? await readForm(dtoClass as new () => object, checkedPlain, errors) : {};
    if (dto && action !== 'return') pageChecks(action, plain, ceiling, errors);
    if (!dto || !errors.empty) {
      const built = scoped(action, errors.build());
      return this.renderReview(res, staff, id, { refused: { action, errors: built, values } }, new FormRefusedError(built));
    }

    if (field(body, 'step') !== 'final') {
      const [company, review] = await Promise.all([this.companies.get(staff, application.companyId), action === 'confirm' ? this.reviews.review(staff, id) : null]);
      const summary = confirmationSummary({ action, plain, application, program, companyName: company.name, confirmPreview: review?.confirmPreview ?? null }, this.i18n, lang);
      return renderPage(res, 'subsidies/staff/confirm', {
        titleKey: `subsidyStaff.confirm.title.${action}`,
        action,
        question: `subsidyStaff.confirm.question.${action}`,
        irreversible: true,
        application: { id },
        summary,
        carried,
        idempotencyKey: randomUUID(),
      });
    }

    const key = field(body, 'idempotency_key');
    const idempotency = /^[0-9a-f-]{36}$/.test(key) ? { key: `page.${key}`, hash: createHash('sha256').update(JSON.stringify([action, id, dto])).digest('hex') } : undefined;
    try {
      await this.transitions.act(staff, id, action, (action === 'confirm' ? undefined : dto) as ApplicationActionInput[typeof action], idempotency);
      res.redirect(303, `/staff/subsidies/applications/${id}?done=${action}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof NotFoundError) throw error;
      const { formMessage } = addRefusal(errors, error, this.i18n, lang);
      const built = errors.empty ? undefined : scoped(action, errors.build());
      await this.renderReview(res, staff, id, { refused: { action, errors: built, formMessage, values } }, error);
    }
  }

  private async renderReview(res: Response, staff: AuthenticatedUser, id: string, state: { done?: string; refused?: Refused }, refusal?: unknown): Promise<void> {
    const lang = res.locals.lang as Lang;
    const review = await this.reviews.review(staff, id);
    const view = reviewView(review, this.i18n, lang, this.applications.today());
    const r = state.refused;
    const a = review.application;
    const errorsOf = (action: string) => (r?.action === action ? r.errors : undefined);
    const valueOf = (action: string, name: string, fallback: string) => (r?.action === action && typeof r.values[name] === 'string' ? (r.values[name] as string) : fallback);
    const returnChecked = new Set(r?.action === 'return' && Array.isArray(r.values.fields) ? r.values.fields : []);
    const can = (x: string) => view.actions.has(x as never);
    renderPage(res, 'subsidies/staff/review', {
      titleKey: 'subsidyStaff.review.title',
      failed: Boolean(r),
      errors: r?.errors,
      formMessage: r?.formMessage,
      done: state.done ? `subsidyStaff.done.${state.done}` : undefined,
      a: view,
      forms: {
        approve: can('approve') ? {
          errors: errorsOf('approve'),
          amount: valueOf('approve', 'amount_yen', a.requestedYen?.toString() ?? ''),
          max: a.requestedYen?.toString() ?? '',
          requested: yenText(a.requestedYen, lang),
          reason: valueOf('approve', 'reason', ''),
        } : null,
        return: can('return') ? {
          errors: errorsOf('return'),
          comment: valueOf('return', 'comment', ''),
          fields: view.returnFieldChoices.map((c) => ({ ...c, checked: returnChecked.has(c.field), comment: valueOf('return', `comment_${c.field}`, ''), error: errorsOf('return')?.byField[`comment_${c.field}`] })),
        } : null,
        reject: can('reject') ? { errors: errorsOf('reject'), reason: valueOf('reject', 'reason', '') } : null,
        confirm: can('confirm') ? { errors: errorsOf('confirm') } : null,
        pay: can('pay') ? { errors: errorsOf('pay'), paidOn: valueOf('pay', 'paid_on', this.applications.today()), max: this.applications.today() } : null,
        approveChange: can('approve-change') ? {
          errors: errorsOf('approve-change'),
          amount: valueOf('approve-change', 'amount_yen', view.pendingChange?.requestedYen ?? ''),
          max: view.pendingChange?.requestedYen ?? '',
          reason: valueOf('approve-change', 'reason', ''),
        } : null,
        refuseChange: can('refuse-change') ? { errors: errorsOf('refuse-change'), reason: valueOf('refuse-change', 'reason', '') } : null,
        caseStory: view.caseStory?.pending ?? false,
      },
      anyAction: view.actions.size > 0 || view.caseStory?.pending,
    }, refusal);
  }
}
