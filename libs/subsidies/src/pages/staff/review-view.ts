import { INDUSTRIES } from '@hokenshitsu/reference';
import type { I18n, Lang } from '@hokenshitsu/web';
import { APPLICATION_FIELDS } from '../../applications/application-states.js';
import { actionsFor } from '../../applications/application-states.js';
import type { ApplicationReview } from '../../review/application-review.service.js';
import { fieldText, tokyoMinute, yenText } from './staff-format.js';

const PLAN_FIELDS = ['employees', 'target', 'target_note', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen', 'consultant_name', 'consultant_registration_no', 'period_start', 'period_end', 'sme_category', 'no_other_subsidy'] as const;

/** The entity's value of a plan field, named as the API names it. */
function planValue(r: ApplicationReview, f: string): unknown {
  const a = r.application;
  const map: Record<string, unknown> = {
    employees: a.employees, target: a.target, target_note: a.targetNote, sessions_per_employee: a.sessionsPerEmployee, minutes_per_session: a.minutesPerSession,
    price_per_session_yen: a.pricePerSessionYen?.toString() ?? null, consultant_name: a.consultantName, consultant_registration_no: a.consultantRegistrationNo,
    period_start: a.periodStart, period_end: a.periodEnd, sme_category: a.smeCategory, no_other_subsidy: a.noOtherSubsidy,
  };
  return map[f];
}

/** What one audit event says, in a line: the amounts and reasons staff look for. */
function eventDetail(i18n: I18n, lang: Lang, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['amount_yen', 'confirmed_yen', 'released_yen', 'previous_yen', 'requested_yen']) {
    if (typeof detail[key] === 'string' || typeof detail[key] === 'number') parts.push(`${i18n.t(lang, `subsidyStaff.review.detail.${key}`)}: ${yenText(String(detail[key]), lang)}`);
  }
  for (const key of ['reason', 'comment', 'paid_on', 'notice']) {
    if (typeof detail[key] === 'string' && detail[key]) parts.push(`${i18n.t(lang, `subsidyStaff.review.detail.${key}`)}: ${detail[key] as string}`);
  }
  if (Array.isArray(detail.fields) && detail.fields.length && typeof detail.fields[0] === 'object') {
    parts.push(`${i18n.t(lang, 'subsidyStaff.review.detail.fields')}: ${(detail.fields as { field: string }[]).map((f) => i18n.t(lang, `subsidies.field.${f.field}`)).join('、')}`);
  }
  return parts.join(' / ');
}

export function reviewView(r: ApplicationReview, i18n: I18n, lang: Lang, today: string) {
  const a = r.application;
  const changed = new Map(r.changes.map((c) => [c.field, c]));
  const returned = new Map((a.returnFields ?? []).map((f) => [f.field, f.comment]));
  const industry = INDUSTRIES.find((i) => i.code === r.company.industry);
  const pending = a.pendingChange;
  return {
    id: a.id,
    state: a.state,
    stateLabel: i18n.t(lang, `subsidies.state.${a.state}`),
    program: { id: r.program.id, fiscalYear: r.program.fiscalYear, name: r.program.name },
    company: {
      name: r.company.name, corporateNumber: r.company.corporateNumber, industry: industry ? industry[lang] : r.company.industry,
      employees: r.company.employees, address: r.company.address, verified: r.company.status === 'verified',
    },
    figures: {
      eligible: yenText(a.eligibleCostYen, lang), requested: yenText(a.requestedYen, lang), approved: yenText(a.approvedYen, lang), confirmed: yenText(a.confirmedYen, lang),
      submittedAt: a.submittedAt ? tokyoMinute(a.submittedAt) : null, firstSubmittedAt: a.firstSubmittedAt ? tokyoMinute(a.firstSubmittedAt) : null,
      decidedAt: a.decidedAt ? tokyoMinute(a.decidedAt) : null, decisionReason: a.decisionReason, reportDueOn: a.reportDueOn,
      overdue: a.state === 'approved' && a.reportDueOn !== null && today > a.reportDueOn, paidOn: a.paidOn,
    },
    plan: PLAN_FIELDS.map((f) => {
      const c = changed.get(f);
      return { field: f, label: i18n.t(lang, `subsidies.field.${f}`), value: fieldText(i18n, lang, f, planValue(r, f)), changed: Boolean(c), before: c ? fieldText(i18n, lang, f, c.before) : null, returnComment: returned.get(f) ?? null };
    }),
    changes: r.changes.map((c) => ({ label: i18n.t(lang, `subsidies.field.${c.field}`), before: fieldText(i18n, lang, c.field, c.before), after: fieldText(i18n, lang, c.field, c.after) })),
    returnComment: a.returnComment,
    returnFields: (a.returnFields ?? []).map((f) => ({ label: i18n.t(lang, `subsidies.field.${f.field}`), comment: f.comment })),
    results: a.reportedAt ? {
      sessionsHeld: a.sessionsHeld, actualCost: yenText(a.actualCostYen, lang), reportedAt: tokyoMinute(a.reportedAt),
      late: a.reportDueOn !== null && tokyoMinute(a.reportedAt).slice(0, 10) > a.reportDueOn,
    } : null,
    caseStory: a.caseStory ? { text: a.caseStory, status: a.caseStoryStatus, pending: a.caseStoryStatus === 'pending', statusLabel: i18n.t(lang, `subsidyStaff.caseStoryStatus.${a.caseStoryStatus}`) } : null,
    bank: a.bankAccount ? { ...a.bankAccount, accountType: i18n.t(lang, `subsidies.accountType.${a.bankAccount.account_type}`) } : null,
    files: r.files.map((f) => ({ name: f.file_name, kind: i18n.t(lang, `subsidyStaff.fileKind.${f.kind}`), kilobytes: Math.max(1, Math.ceil(f.bytes / 1024)), href: `/api/v1/subsidy-applications/${a.id}/files/${f.id}`, at: tokyoMinute(f.created_at) })),
    notices: r.notices.map((n) => ({ number: n.number, kind: i18n.t(lang, `subsidies.notice.${n.kind}`), issuedOn: n.issued_on, amount: n.amount_yen === null ? null : yenText(n.amount_yen, lang), id: n.id, failed: n.status === 'failed', ready: n.status === 'done', status: i18n.t(lang, `subsidyStaff.noticeStatus.${n.status}`), href: `/api/v1/subsidy-notices/${n.id}/pdf` })),
    noticesApi: `/api/v1/subsidy-applications/${a.id}/notices`,
    events: r.events.map((e) => ({
      at: tokyoMinute(e.at), who: e.actor_email ?? '—', role: e.actor_role ? i18n.t(lang, `roles.${e.actor_role}`) : '',
      action: i18n.has(`subsidyStaff.event.${e.action}`) ? i18n.t(lang, `subsidyStaff.event.${e.action}`) : e.action, from: e.from_state ? i18n.t(lang, `subsidies.state.${e.from_state}`) : null,
      to: e.to_state && e.to_state !== e.from_state ? i18n.t(lang, `subsidies.state.${e.to_state}`) : null, detail: eventDetail(i18n, lang, e.detail),
    })),
    confirmPreview: r.confirmPreview ? {
      amount: yenText(r.confirmPreview.subsidyYen, lang), eligibleCost: yenText(r.confirmPreview.eligibleCostYen, lang), sessions: r.confirmPreview.eligibleSessions,
      released: yenText((a.approvedYen ?? 0n) - r.confirmPreview.subsidyYen, lang),
      steps: r.confirmPreview.steps.map((s) => ({ rule: i18n.t(lang, `subsidyStaff.rule.${s.rule}`), yen: yenText(s.yen, lang) })),
    } : null,
    pendingChange: pending && r.changePreview ? {
      reason: pending.reason,
      rows: [
        { label: i18n.t(lang, 'subsidies.field.employees'), before: String(a.employees ?? '—'), after: String(pending.employees) },
        { label: i18n.t(lang, 'subsidies.field.sessions_per_employee'), before: String(a.sessionsPerEmployee ?? '—'), after: String(pending.sessions_per_employee) },
        { label: i18n.t(lang, 'subsidies.field.minutes_per_session'), before: String(a.minutesPerSession ?? '—'), after: String(pending.minutes_per_session) },
        { label: i18n.t(lang, 'subsidies.field.price_per_session_yen'), before: yenText(a.pricePerSessionYen, lang), after: yenText(pending.price_per_session_yen, lang) },
        { label: i18n.t(lang, 'subsidies.field.period_end'), before: a.periodEnd ?? '—', after: pending.period_end },
        { label: i18n.t(lang, 'subsidies.field.approved_yen'), before: yenText(a.approvedYen, lang), after: yenText(pending.requested_yen, lang) },
      ].map((row) => ({ ...row, changed: row.before !== row.after })),
      requestedYen: pending.requested_yen,
    } : null,
    returnFieldChoices: APPLICATION_FIELDS.map((f) => ({ field: f, label: i18n.t(lang, `subsidies.field.${f}`) })),
    actions: new Set(actionsFor(a.state, 'staff').filter((x) => (x === 'approve-change' || x === 'refuse-change' ? a.pendingChange !== null : true))),
  };
}
