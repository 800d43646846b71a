/**
 * The subsidy's arithmetic, pure: the same function answers the form as she types, the server's
 * check on submit, the approval's pre-filled amount and the confirmation (額の確定). Money is
 * bigint yen; a rate is an integer fraction, so nothing ever passes through floating point.
 */

/** The programme's terms that the arithmetic reads. */
export interface SubsidyTerms {
  rateNumerator: number;
  rateDenominator: number;
  capPerCompanyYen: bigint;
  maxPricePerSessionYen: bigint;
  minMinutesPerSession: number;
  maxSessionsPerEmployee: number;
  /** 1: down to the yen; 1000: 千円未満切捨て. */
  roundingYen: number;
}

export interface PlannedSessions {
  employees: number;
  sessionsPerEmployee: number;
  minutesPerSession: number;
  pricePerSessionYen: bigint;
}

/** One line of the worked rule the form shows beside the figures. */
export interface RuleStep {
  rule: 'price_cap' | 'session_cap' | 'min_minutes' | 'rate' | 'rounding' | 'company_cap' | 'approved_cap' | 'actual_cost';
  /** The amount after this step, in yen. */
  yen: bigint;
}

export interface SubsidyComputation {
  /** Sessions the programme pays for: employees × min(sessions each, the programme's maximum). */
  eligibleSessions: number;
  /** Price of one session counted: min(price, the programme's cap per session). */
  eligiblePriceYen: bigint;
  eligibleCostYen: bigint;
  subsidyYen: bigint;
  steps: RuleStep[];
}

/** floor(yen × numerator / denominator), then down to the rounding unit. */
export function applyRate(yen: bigint, terms: Pick<SubsidyTerms, 'rateNumerator' | 'rateDenominator' | 'roundingYen'>): { rated: bigint; rounded: bigint } {
  const rated = (yen * BigInt(terms.rateNumerator)) / BigInt(terms.rateDenominator);
  const unit = BigInt(terms.roundingYen);
  return { rated, rounded: (rated / unit) * unit };
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * 交付申請額: the eligible cost of the planned sessions times the rate, rounded down, capped per
 * company. Sessions shorter than the programme's minimum are not eligible at all (zero), which the
 * submit check turns into a refusal that names the field.
 */
export function plannedSubsidy(plan: PlannedSessions, terms: SubsidyTerms, alreadyUsedYen = 0n): SubsidyComputation {
  const steps: RuleStep[] = [];
  const eligiblePriceYen = min(plan.pricePerSessionYen, terms.maxPricePerSessionYen);
  if (eligiblePriceYen < plan.pricePerSessionYen) steps.push({ rule: 'price_cap', yen: eligiblePriceYen });
  const sessionsEach = Math.min(plan.sessionsPerEmployee, terms.maxSessionsPerEmployee);
  const eligibleSessions = plan.employees * sessionsEach;
  if (sessionsEach < plan.sessionsPerEmployee) steps.push({ rule: 'session_cap', yen: eligiblePriceYen * BigInt(eligibleSessions) });
  let eligibleCostYen = eligiblePriceYen * BigInt(eligibleSessions);
  if (plan.minutesPerSession < terms.minMinutesPerSession) {
    eligibleCostYen = 0n;
    steps.push({ rule: 'min_minutes', yen: 0n });
  }
  const subsidyYen = rateAndCaps(eligibleCostYen, terms, alreadyUsedYen, steps);
  return { eligibleSessions, eligiblePriceYen, eligibleCostYen, subsidyYen, steps };
}

export interface HeldSessions {
  sessionsHeld: number;
  actualCostYen: bigint;
}

/**
 * 額の確定: the rule applied to what was actually spent (sessions held up to the planned eligible
 * sessions, each at most the eligible price, never more than the actual cost), and never more than
 * the amount approved.
 */
export function confirmedSubsidy(plan: PlannedSessions, held: HeldSessions, terms: SubsidyTerms, approvedYen: bigint, alreadyUsedYen = 0n): SubsidyComputation {
  const planned = plannedSubsidy(plan, terms);
  const steps: RuleStep[] = [];
  const eligibleSessions = Math.min(held.sessionsHeld, planned.eligibleSessions);
  const byPrice = plan.minutesPerSession < terms.minMinutesPerSession ? 0n : planned.eligiblePriceYen * BigInt(eligibleSessions);
  const eligibleCostYen = min(byPrice, held.actualCostYen);
  if (eligibleCostYen < byPrice) steps.push({ rule: 'actual_cost', yen: eligibleCostYen });
  let subsidyYen = rateAndCaps(eligibleCostYen, terms, alreadyUsedYen, steps);
  if (approvedYen < subsidyYen) {
    subsidyYen = approvedYen;
    steps.push({ rule: 'approved_cap', yen: approvedYen });
  }
  return { eligibleSessions, eligiblePriceYen: planned.eligiblePriceYen, eligibleCostYen, subsidyYen, steps };
}

function rateAndCaps(eligibleCostYen: bigint, terms: SubsidyTerms, alreadyUsedYen: bigint, steps: RuleStep[]): bigint {
  const { rated, rounded } = applyRate(eligibleCostYen, terms);
  steps.push({ rule: 'rate', yen: rated });
  if (rounded !== rated) steps.push({ rule: 'rounding', yen: rounded });
  const room = terms.capPerCompanyYen - alreadyUsedYen;
  const capped = min(rounded, room > 0n ? room : 0n);
  if (capped < rounded) steps.push({ rule: 'company_cap', yen: capped });
  return capped;
}
