import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, Clock, ConflictError, DomainError, ForbiddenError, InvalidStateTransitionError, NotFoundError, RuleViolationError, tokyoDate, type AppConfig } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { SubsidyEventsRepository } from '../audit/subsidy-events.repository.js';
import type { NoticeData, NoticeKind } from '../notices/notice-input.js';
import { NoticesRepository } from '../notices/notices.repository.js';
import { SubsidiesProducer } from '../jobs/subsidies.producer.js';
import { SubsidyOutbox } from '../notifications/subsidy-mail.js';
import { transitionMails } from '../notifications/subsidy-mails.js';
import { termsOf, type SubsidyProgram } from '../programs/subsidy-program.entity.js';
import { SubsidyProgramsRepository } from '../programs/subsidy-programs.repository.js';
import { fiscalYearRange, reportDueOn, withdrawalLastDay } from '../rules/subsidy-dates.js';
import { confirmedSubsidy, plannedSubsidy } from '../rules/subsidy-rules.js';
import type { ApplicationApproveChange, ApplicationActionInput } from './application-action-inputs.js';
import { plannedSessionsOf, submissionSnapshot, submitProblems } from './application-plan.js';
import { TRANSITIONS, type ApplicationAction, type ApplicationState } from './application-states.js';
import { toApplicationResponse, type ApplicationResponse } from './application.response.js';
import type { PendingChange, SubsidyApplication } from './subsidy-application.entity.js';
import { actorOf } from './subsidy-applications.service.js';
import { SubsidyApplicationsRepository, type ApplicationPatch } from './subsidy-applications.repository.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** An approval (or a change's increase) the budget cannot hold: a clear 409 naming the amount. */
export class BudgetExceededError extends DomainError {
  readonly code = 'budget_exceeded';
  readonly status = 409;
  constructor(amountYen: bigint, availableYen: bigint) {
    super(`amount_yen ${amountYen.toLocaleString('en')} exceeds the available budget of ${availableYen.toLocaleString('en')} yen`, [
      { field: 'amount_yen', message: `exceeds the available budget (${availableYen.toLocaleString('en')} yen)` },
    ]);
  }
}

interface Step {
  m: EntityManager;
  a: SubsidyApplication;
  program: SubsidyProgram;
  viewer: AuthenticatedUser;
  now: Date;
  today: string;
  /** The applicant company, read before the programme's lock. */
  company: ApplicantRow;
}

type ApplicantRow = Awaited<ReturnType<SubsidyApplicationsRepository['company']>>;

/** Who a transition's mails go to, read before the programme's lock. */
interface Recipients {
  company: { email: string }[];
  staff: { email: string }[];
}

/** What one action changes: the row, the budget, a notice, the audit detail. */
interface Effect {
  to?: ApplicationState;
  patch: ApplicationPatch;
  detail?: Record<string, unknown>;
  notice?: { kind: NoticeKind; amountYen: bigint | null; data: Partial<NoticeData> };
  mailFacts?: { amountYen?: bigint | null; reason?: string | null; comment?: string | null; dueOn?: string | null };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Every transition of an application: allowed only for its role (403) and from its states (409
 * with the current state), idempotent under retries (Idempotency-Key), and written with its audit
 * event, its notice and its mails in one transaction. Budget moves go through one conditional
 * UPDATE on the programme row, so concurrent approvals never overspend.
 */
@Injectable()
export class ApplicationTransitionsService {
  private readonly log = new Logger('SubsidyTransitions');

  constructor(
    private readonly applications: SubsidyApplicationsRepository,
    private readonly programs: SubsidyProgramsRepository,
    private readonly events: SubsidyEventsRepository,
    private readonly notices: NoticesRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly outbox: SubsidyOutbox,
    private readonly producer: SubsidiesProducer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async act<A extends ApplicationAction>(viewer: AuthenticatedUser, id: string, action: A, input: ApplicationActionInput[A], idempotency?: { key: string; hash: string }): Promise<ApplicationResponse> {
    const actor = actorOf(viewer);
    const transition = TRANSITIONS[action];
    const issued: string[] = [];
    const body = await this.applications.transaction(async (m) => {
      if (idempotency) {
        const replay = await this.idempotency.claim(m, viewer.id, idempotency.key, idempotency.hash);
        if (replay) return replay.body as ApplicationResponse;
      }
      const a = await this.applications.lock(m, id);
      if (!a || (actor === 'company' && a.companyId !== viewer.companyId)) throw new NotFoundError('subsidy application');
      if (transition.by !== actor) throw new ForbiddenError(`only ${transition.by === 'staff' ? 'city staff' : 'the applying company'} may ${action} an application`);
      if (!transition.from.includes(a.state)) throw new InvalidStateTransitionError('subsidy application', a.state, action);
      // Reads that need no ordering happen before the programme's lock: every approval of a
      // programme waits on that lock, so each round trip under it costs all of them (bench:approvals).
      const company = await this.applications.company(m, a.companyId);
      const recipients: Recipients = { company: await this.applications.managerEmails(m, a.companyId), staff: await this.applications.staffDesk(m, a.programId) };
      // Budget, caps and notice numbers are decided one at a time per programme: the row lock orders them.
      const program = (await this.programs.lock(m, a.programId))!;
      const now = this.clock.now();
      const step: Step = { m, a, program, viewer, now, today: tokyoDate(now), company };
      const effect = await this.effectOf(step, action, input);
      const to = effect.to ?? transition.to ?? a.state;
      await this.applications.update(m, a.id, { ...effect.patch, state: to });
      let noticeNumber: string | null = null;
      if (effect.notice) {
        const notice = await this.issueNotice(step, effect.notice);
        issued.push(notice.id);
        noticeNumber = notice.number;
      }
      await this.events.append(m, { programId: a.programId, applicationId: a.id, action, fromState: a.state, toState: to, actorId: viewer.id, actorRole: viewer.role, detail: { ...effect.detail, ...(noticeNumber ? { notice: noticeNumber } : {}) } });
      const after = (await this.applications.find(a.id, m))!;
      await this.queueMails(m, after, program, action, { ...effect.mailFacts, noticeNumber }, company.name, recipients);
      const response = toApplicationResponse(after, actor, step.today);
      if (idempotency) await this.idempotency.store(m, viewer.id, idempotency.key, 200, response);
      return response;
    });
    // After commit: a notice's PDF is rendered by the worker; if Redis is down the notice stays
    // queued and the worker's sweep picks it up, the decision itself is already safe.
    for (const noticeId of issued) await this.producer.renderNotice(noticeId).catch((e: Error) => this.log.warn(`notice ${noticeId} not queued yet: ${e.message}`));
    this.producer.pokeMail();
    return body;
  }

  private effectOf(s: Step, action: ApplicationAction, input: unknown): Promise<Effect> | Effect {
    switch (action) {
      case 'submit': return this.submit(s);
      case 'withdraw': return this.withdraw(s);
      case 'return': return this.returnForCorrection(s, input as ApplicationActionInput['return']);
      case 'approve': return this.approve(s, input as ApplicationActionInput['approve']);
      case 'reject': return this.reject(s, input as ApplicationActionInput['reject']);
      case 'report': return this.report(s, input as ApplicationActionInput['report']);
      case 'confirm': return this.confirm(s);
      case 'claim': return this.claim(s, input as ApplicationActionInput['claim']);
      case 'pay': return this.pay(s, input as ApplicationActionInput['pay']);
      case 'change-request': return this.changeRequest(s, input as ApplicationActionInput['change-request']);
      case 'approve-change': return this.approveChange(s, input as ApplicationApproveChange);
      case 'refuse-change': return this.refuseChange(s, input as ApplicationActionInput['refuse-change']);
    }
  }

  /** 交付申請 (and 再提出 after a return): complete, eligible, inside the window the first time. */
  private async submit({ m, a, program, now, today, company }: Step): Promise<Effect> {
    if (a.state === 'draft' && (today < program.opensOn || today > program.closesOn)) {
      throw new RuleViolationError(`applications are accepted from ${program.opensOn} to ${program.closesOn}`, [{ field: 'program_id', message: `accepts applications from ${program.opensOn} to ${program.closesOn}` }]);
    }
    const files = await this.applications.fileKinds(m, a.id);
    const problems = submitProblems(a, program, company, files.has('quote'));
    if (problems.length) throw new RuleViolationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    const seq = await this.applications.snapshot(m, a.id, submissionSnapshot(a));
    return {
      patch: { submittedAt: now, firstSubmittedAt: a.firstSubmittedAt ?? now, returnComment: null, returnFields: null },
      detail: { submission: seq, requested_yen: a.requestedYen?.toString() },
      mailFacts: { amountYen: a.requestedYen },
    };
  }

  /** 取下げ: any time before a decision; after an approval only within the programme's window, and the budget gets its money back. */
  private async withdraw({ m, a, program, now, today }: Step): Promise<Effect> {
    if (a.state !== 'approved') return { patch: { withdrawnAt: now } };
    const lastDay = withdrawalLastDay(tokyoDate(a.decidedAt!), program.withdrawalDays);
    if (today > lastDay) {
      throw new ConflictError(`the withdrawal window ended on ${lastDay} (${program.withdrawalDays} days after the decision)`, [{ field: 'state', message: `approved; withdrawal was possible until ${lastDay}` }]);
    }
    await this.programs.move(m, program.id, { committed: -a.approvedYen! });
    return { patch: { withdrawnAt: now }, detail: { released_yen: a.approvedYen!.toString() } };
  }

  private returnForCorrection(_: Step, input: ApplicationActionInput['return']): Effect {
    return {
      patch: { returnComment: input.comment.trim(), returnFields: (input.fields ?? []).map((f) => ({ field: f.field, comment: f.comment.trim() })) },
      detail: { comment: input.comment, fields: input.fields ?? [] },
      mailFacts: { comment: input.comment },
    };
  }

  /** 交付決定: at most the computed subsidy (lower only with a reason), within the company's cap and the budget. */
  private async approve({ m, a, program, viewer, now }: Step, input: ApplicationActionInput['approve']): Promise<Effect> {
    const amount = BigInt(input.amount_yen);
    const requested = a.requestedYen ?? 0n;
    if (amount > requested) throw new RuleViolationError(`amount_yen must not exceed the computed subsidy of ${requested.toLocaleString('en')} yen`, [{ field: 'amount_yen', message: `must not exceed ${requested.toLocaleString('en')} yen` }]);
    const reason = input.reason?.trim() || null;
    if (amount < requested && !reason) throw new RuleViolationError('reason is required when amount_yen is below the computed subsidy', [{ field: 'reason', message: 'say why the amount is lowered' }]);
    await this.requireCompanyCap(m, a, program, amount);
    await this.commit(m, program, amount);
    const dueOn = reportDueOn(a.periodEnd!, program.reportDueDays, program.reportDueOn);
    const decidedOn = tokyoDate(now);
    return {
      patch: { approvedYen: amount, decidedAt: now, decidedBy: viewer.id, decisionReason: reason, reportDueOn: dueOn },
      detail: { amount_yen: amount.toString(), reason },
      notice: { kind: 'decision', amountYen: amount, data: { approvedYen: Number(amount), reason, reportDueOn: dueOn, withdrawalLastDay: withdrawalLastDay(decidedOn, program.withdrawalDays) } },
      mailFacts: { amountYen: amount, dueOn },
    };
  }

  private reject({ viewer, now }: Step, input: ApplicationActionInput['reject']): Effect {
    const reason = input.reason.trim();
    return { patch: { decidedAt: now, decidedBy: viewer.id, decisionReason: reason }, detail: { reason }, notice: { kind: 'rejection', amountYen: null, data: { reason } }, mailFacts: { reason } };
  }

  /** 実績報告: as soon as the sessions are held; past the due date it is flagged, not refused. */
  private async report({ m, a, now, today }: Step, input: ApplicationActionInput['report']): Promise<Effect> {
    if (a.pendingChange) throw new ConflictError('a change request is pending: wait for its decision before reporting', [{ field: 'pending_change', message: 'is awaiting a decision' }]);
    const files = await this.applications.fileKinds(m, a.id);
    if (!files.has('invoice') && !files.has('receipt')) throw new RuleViolationError('attach the invoice or receipt of the consultations before reporting', [{ field: 'invoices', message: 'attach an invoice or a receipt' }]);
    const story = input.case_story?.trim() || null;
    if (input.publish_case_story && !story) throw new RuleViolationError('case_story is required when publish_case_story is true', [{ field: 'case_story', message: 'write the story to publish' }]);
    const overdue = a.reportDueOn !== null && today > a.reportDueOn;
    return {
      patch: { sessionsHeld: input.sessions_held, actualCostYen: BigInt(input.actual_cost_yen), caseStory: story, publishCaseStory: input.publish_case_story, caseStoryStatus: input.publish_case_story ? 'pending' : 'none', reportedAt: now },
      detail: { sessions_held: input.sessions_held, actual_cost_yen: String(input.actual_cost_yen), overdue },
    };
  }

  /** 額の確定: min(approved, the rule applied to the actual cost); the rest goes back to the budget. */
  private async confirm({ m, a, program, now }: Step): Promise<Effect> {
    const used = await this.applications.companyUsage(m, program.id, a.companyId, a.id);
    const result = confirmedSubsidy(plannedSessionsOf(a)!, { sessionsHeld: a.sessionsHeld!, actualCostYen: a.actualCostYen! }, termsOf(program), a.approvedYen!, used);
    const confirmed = result.subsidyYen;
    if (!(await this.programs.move(m, program.id, { committed: -a.approvedYen!, confirmed }))) throw new ConflictError('the ledger refused the confirmation');
    return {
      patch: { confirmedYen: confirmed, confirmedAt: now },
      detail: { confirmed_yen: confirmed.toString(), released_yen: (a.approvedYen! - confirmed).toString(), steps: result.steps.map((st) => ({ rule: st.rule, yen: st.yen.toString() })) },
      notice: { kind: 'confirmation', amountYen: confirmed, data: { approvedYen: Number(a.approvedYen), confirmedYen: Number(confirmed), results: { sessionsHeld: a.sessionsHeld!, actualCostYen: Number(a.actualCostYen) } } },
      mailFacts: { amountYen: confirmed },
    };
  }

  private claim({ a, now }: Step, input: ApplicationActionInput['claim']): Effect {
    const bank = { bank_name: input.bank_name.trim(), branch_name: input.branch_name.trim(), account_type: input.account_type, account_number: input.account_number, account_holder_kana: input.account_holder_kana.trim() };
    // The account number stays out of the audit detail: the trail is read more widely than the claim.
    return { patch: { bankAccount: bank, claimedAt: now }, detail: { bank_name: bank.bank_name, amount_yen: a.confirmedYen!.toString() }, mailFacts: { amountYen: a.confirmedYen } };
  }

  private async pay({ m, a, program, now, today }: Step, input: ApplicationActionInput['pay']): Promise<Effect> {
    const claimedOn = tokyoDate(a.claimedAt!);
    if (input.paid_on < claimedOn) throw new RuleViolationError(`paid_on must not be before the claim (${claimedOn})`, [{ field: 'paid_on', message: `must be ${claimedOn} or later` }]);
    if (input.paid_on > today) throw new RuleViolationError('paid_on must not be in the future', [{ field: 'paid_on', message: `must be ${today} or earlier` }]);
    if (!(await this.programs.move(m, program.id, { confirmed: -a.confirmedYen!, paid: a.confirmedYen! }))) throw new ConflictError('the ledger refused the payment');
    return { patch: { paidOn: input.paid_on, paidAt: now }, detail: { paid_on: input.paid_on, amount_yen: a.confirmedYen!.toString() }, mailFacts: { amountYen: a.confirmedYen } };
  }

  /** 変更承認申請: the new plan waits beside the approved one until staff decide. */
  private changeRequest({ a, program, now }: Step, input: ApplicationActionInput['change-request']): Effect {
    if (a.pendingChange) throw new ConflictError('a change request is already pending', [{ field: 'pending_change', message: 'is awaiting a decision' }]);
    const plan = {
      employees: input.employees ?? a.employees!,
      sessionsPerEmployee: input.sessions_per_employee ?? a.sessionsPerEmployee!,
      minutesPerSession: input.minutes_per_session ?? a.minutesPerSession!,
      pricePerSessionYen: input.price_per_session_yen !== undefined ? BigInt(input.price_per_session_yen) : a.pricePerSessionYen!,
    };
    const periodEnd = input.period_end ?? a.periodEnd!;
    const problems = [];
    if (plan.minutesPerSession < program.minMinutesPerSession) problems.push({ field: 'minutes_per_session', message: `must be at least ${program.minMinutesPerSession} minutes` });
    const fy = fiscalYearRange(program.fiscalYear);
    if (periodEnd < a.periodStart! || periodEnd > fy.end) problems.push({ field: 'period_end', message: `must lie between ${a.periodStart} and ${fy.end}` });
    if (problems.length) throw new RuleViolationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    const computed = plannedSubsidy(plan, termsOf(program));
    const change: PendingChange = {
      employees: plan.employees,
      sessions_per_employee: plan.sessionsPerEmployee,
      minutes_per_session: plan.minutesPerSession,
      price_per_session_yen: plan.pricePerSessionYen.toString(),
      period_end: periodEnd,
      reason: input.reason.trim(),
      requested_yen: computed.subsidyYen.toString(),
      requested_at: now.toISOString(),
    };
    return { patch: { pendingChange: change }, detail: { ...change } };
  }

  /** A change approved: the plan becomes the new one and the committed amount moves by the difference (an increase needs budget). */
  private async approveChange({ m, a, program }: Step, input: ApplicationApproveChange): Promise<Effect> {
    if (!a.pendingChange) throw new ConflictError('no change request is pending', [{ field: 'pending_change', message: 'none' }]);
    const c = a.pendingChange;
    const computed = BigInt(c.requested_yen);
    const amount = input.amount_yen !== undefined ? BigInt(input.amount_yen) : computed;
    if (amount > computed) throw new RuleViolationError(`amount_yen must not exceed the recomputed subsidy of ${computed.toLocaleString('en')} yen`, [{ field: 'amount_yen', message: `must not exceed ${computed.toLocaleString('en')} yen` }]);
    const reason = input.reason?.trim() || null;
    await this.requireCompanyCap(m, a, program, amount);
    const delta = amount - a.approvedYen!;
    await this.commit(m, program, delta);
    const plan = { employees: c.employees, sessionsPerEmployee: c.sessions_per_employee, minutesPerSession: c.minutes_per_session, pricePerSessionYen: BigInt(c.price_per_session_yen) };
    const eligible = plannedSubsidy(plan, termsOf(program)).eligibleCostYen;
    const dueOn = reportDueOn(c.period_end, program.reportDueDays, program.reportDueOn);
    return {
      patch: { ...plan, periodEnd: c.period_end, eligibleCostYen: eligible, requestedYen: computed, approvedYen: amount, reportDueOn: dueOn, pendingChange: null, decisionReason: reason ?? a.decisionReason },
      detail: { amount_yen: amount.toString(), previous_yen: a.approvedYen!.toString(), reason },
      // The notice prints the plan and the request as changed (issueNotice would read them from the row before this patch).
      notice: { kind: 'decision', amountYen: amount, data: { change: true, approvedYen: Number(amount), requestedYen: Number(computed), reason, reportDueOn: dueOn, withdrawalLastDay: null, plan: { employees: c.employees, sessionsPerEmployee: c.sessions_per_employee, minutesPerSession: c.minutes_per_session, pricePerSessionYen: Number(c.price_per_session_yen), periodStart: a.periodStart!, periodEnd: c.period_end, consultantName: a.consultantName! } } },
      mailFacts: { amountYen: amount, dueOn, reason },
    };
  }

  private refuseChange({ a }: Step, input: ApplicationActionInput['refuse-change']): Effect {
    if (!a.pendingChange) throw new ConflictError('no change request is pending', [{ field: 'pending_change', message: 'none' }]);
    return { patch: { pendingChange: null }, detail: { reason: input.reason.trim() }, mailFacts: { reason: input.reason.trim() } };
  }

  /** The company's approved and confirmed amounts in this programme, this one included, stay within the cap. */
  private async requireCompanyCap(m: EntityManager, a: SubsidyApplication, program: SubsidyProgram, amount: bigint): Promise<void> {
    const used = await this.applications.companyUsage(m, program.id, a.companyId, a.id);
    const room = program.capPerCompanyYen - used;
    if (amount > room) {
      throw new RuleViolationError(`amount_yen exceeds what the company may still receive this fiscal year (cap ${program.capPerCompanyYen.toLocaleString('en')} yen, ${min(room, program.capPerCompanyYen) < 0n ? 0 : room.toLocaleString('en')} yen left)`, [
        { field: 'amount_yen', message: `exceeds the company's remaining cap of ${(room < 0n ? 0n : room).toLocaleString('en')} yen` },
      ]);
    }
  }

  private async commit(m: EntityManager, program: SubsidyProgram, delta: bigint): Promise<void> {
    if (delta === 0n) return;
    if (await this.programs.move(m, program.id, { committed: delta })) return;
    const fresh = (await this.programs.find(program.id, m))!;
    throw new BudgetExceededError(delta, fresh.budgetYen - fresh.committedYen - fresh.confirmedYen - fresh.paidYen);
  }

  private async issueNotice(s: Step, n: NonNullable<Effect['notice']>): Promise<{ id: string; number: string }> {
    const { a, program, now } = s;
    const company = s.company;
    const data: NoticeData = {
      change: false,
      programName: program.name,
      fiscalYear: program.fiscalYear,
      issuer: program.issuer,
      municipality: program.municipality,
      companyName: company.name,
      companyAddress: company.address,
      appliedOn: tokyoDate(a.firstSubmittedAt ?? a.createdAt),
      requestedYen: Number(a.requestedYen ?? 0n),
      approvedYen: null,
      confirmedYen: null,
      reason: null,
      plan: a.employees === null ? null : {
        employees: a.employees,
        sessionsPerEmployee: a.sessionsPerEmployee!,
        minutesPerSession: a.minutesPerSession!,
        pricePerSessionYen: Number(a.pricePerSessionYen),
        periodStart: a.periodStart!,
        periodEnd: a.periodEnd!,
        consultantName: a.consultantName!,
      },
      reportDueOn: null,
      withdrawalLastDay: null,
      results: null,
      ...n.data,
    };
    return this.notices.issue(s.m, { applicationId: a.id, programId: program.id, fiscalYear: program.fiscalYear, numberFormat: program.noticeNumberFormat, kind: n.kind, issuedOn: tokyoDate(now), amountYen: n.amountYen, data });
  }

  /** The transition's mails, into the outbox in this transaction (so a rolled-back action mails nothing). */
  private async queueMails(m: EntityManager, a: SubsidyApplication, program: SubsidyProgram, action: ApplicationAction, facts: Record<string, unknown>, companyName: string, to: Recipients): Promise<void> {
    const base = this.config.publicUrl.replace(/\/$/, '');
    const texts = transitionMails(action, {
      programName: program.name,
      companyName,
      applicationUrl: `${base}/subsidies/applications/${a.id}`,
      staffUrl: `${base}/staff/subsidies/applications/${a.id}`,
      ...facts,
    });
    if (!texts.length) return;
    const companyTo = to.company;
    const staffTo = to.staff;
    // One mail per transition and person: the revision makes a later, similar transition a new mail.
    for (const t of texts) {
      for (const { email } of t.audience === 'company' ? companyTo : staffTo) {
        await this.outbox.enqueue(m, { dedupeKey: `subsidy.${a.id}.r${a.revision}.${action}.${t.audience}.${email}`, kind: `subsidy.${action}`, to: email, subject: t.subject, text: t.body });
      }
    }
  }
}
