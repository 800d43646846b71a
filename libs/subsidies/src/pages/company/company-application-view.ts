import type { I18n, Lang } from '@hokenshitsu/web';
import { computedAmounts } from '../../applications/application-plan.js';
import type { ApplicationState } from '../../applications/application-states.js';
import type { SubsidyApplication } from '../../applications/subsidy-application.entity.js';
import type { SubsidyProgram } from '../../programs/subsidy-program.entity.js';
import { ledgerOf } from '../../programs/subsidy-program.entity.js';
import type { RuleStep } from '../../rules/subsidy-rules.js';

/** Yen as people read it: 75,000. */
export function yenText(value: bigint | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return BigInt(value).toLocaleString('en');
}

/** A rate as the programme states it: 1/2, not 0.5. */
export const rateText = (p: SubsidyProgram) => `${p.rateNumerator}/${p.rateDenominator}`;

/** One worked rule line, in her language, with the amount after it. */
export interface RuleLine {
  rule: RuleStep['rule'];
  text: string;
  yen: string;
}

export function ruleLines(steps: readonly RuleStep[], program: SubsidyProgram, i18n: I18n, lang: Lang): RuleLine[] {
  const vars = {
    cap: yenText(program.maxPricePerSessionYen),
    max: program.maxSessionsPerEmployee,
    min: program.minMinutesPerSession,
    rate: rateText(program),
    unit: yenText(program.roundingYen),
  };
  return steps.map((s) => ({
    rule: s.rule,
    // The company cap's own figure is the programme's cap per company, not the price cap.
    text: i18n.t(lang, `subsidies.rule.${s.rule}`, s.rule === 'company_cap' ? { ...vars, cap: yenText(program.capPerCompanyYen) } : vars),
    yen: yenText(s.yen),
  }));
}

/** The figures the form shows: eligible cost, subsidy and the rules that made them (null while the plan is incomplete). */
export interface Figures {
  eligibleCostYen: string;
  requestedYen: string;
  costLine: { price: string; sessions: number; cost: string };
  steps: RuleLine[];
}

export function figuresOf(a: SubsidyApplication, program: SubsidyProgram, i18n: I18n, lang: Lang): Figures | null {
  const { computation } = computedAmounts(a, program);
  if (!computation) return null;
  return {
    eligibleCostYen: yenText(computation.eligibleCostYen),
    requestedYen: yenText(computation.subsidyYen),
    costLine: { price: yenText(computation.eligiblePriceYen), sessions: computation.eligibleSessions, cost: yenText(computation.eligiblePriceYen * BigInt(computation.eligibleSessions)) },
    steps: ruleLines(computation.steps, program, i18n, lang),
  };
}

/** The programme's terms in plain words for the list page. */
export function termsView(program: SubsidyProgram) {
  const ledger = ledgerOf(program);
  return {
    id: program.id,
    name: program.name,
    fiscalYear: program.fiscalYear,
    rate: rateText(program),
    capPerCompany: yenText(program.capPerCompanyYen),
    maxPrice: yenText(program.maxPricePerSessionYen),
    minMinutes: program.minMinutesPerSession,
    maxSessions: program.maxSessionsPerEmployee,
    opensOn: program.opensOn,
    closesOn: program.closesOn,
    budgetRemains: ledger.availableYen > 0n,
  };
}

/**
 * The step indicator: 交付申請 → 審査 → 交付決定 → 実績報告 → 額の確定 → 交付請求 → 支払. `current`
 * is the step the application waits on; the steps before it are done.
 */
const STEP_KEYS = ['application', 'review', 'decision', 'report', 'confirm', 'claim', 'payment'] as const;
const CURRENT_STEP: Record<ApplicationState, number> = {
  draft: 0, returned: 0, submitted: 1, approved: 3, reported: 4, confirmed: 5, claimed: 6, paid: 7, rejected: -1, withdrawn: -1,
};

export function stepsOf(state: ApplicationState): { key: string; done: boolean; current: boolean }[] {
  const at = CURRENT_STEP[state];
  return STEP_KEYS.map((key, i) => ({ key, done: at >= 0 && i < at, current: i === at }));
}

/** States in which she edits the 交付申請 form. */
export const EDITABLE: readonly ApplicationState[] = ['draft', 'returned'];

/** An application as a card on her list and as the head of its status page. */
export function summaryOf(a: SubsidyApplication, today: string) {
  const overdue = a.state === 'approved' && a.reportDueOn !== null && today > a.reportDueOn;
  return {
    id: a.id,
    state: a.state,
    editable: EDITABLE.includes(a.state),
    requestedYen: yenText(a.requestedYen),
    approvedYen: yenText(a.approvedYen),
    confirmedYen: yenText(a.confirmedYen),
    reportDueOn: ['approved', 'reported'].includes(a.state) ? a.reportDueOn : null,
    overdue,
    createdAt: a.createdAt,
    /** 申請日: the first submission (a resubmission after a return keeps it). */
    submittedOn: a.firstSubmittedAt,
    updatedAt: a.updatedAt,
    decisionReason: a.decisionReason,
  };
}
