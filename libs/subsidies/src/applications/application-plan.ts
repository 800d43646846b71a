import type { FieldError } from '@hokenshitsu/core';
import { addressInMunicipality, normaliseRegistrationNo, smeCheck } from '../rules/eligibility-rules.js';
import { fiscalYearRange } from '../rules/subsidy-dates.js';
import { plannedSubsidy, type PlannedSessions, type SubsidyComputation } from '../rules/subsidy-rules.js';
import { termsOf, type SubsidyProgram } from '../programs/subsidy-program.entity.js';
import type { SubsidyApplication } from './subsidy-application.entity.js';
import type { ApplicationPlanDto } from './application-plan.dto.js';
import type { ApplicationPatch } from './subsidy-applications.repository.js';

/** The plan's columns from a form or API body: only what was sent, trimmed; numbers as bigint yen. */
export function planPatch(dto: ApplicationPlanDto): ApplicationPatch {
  const patch: ApplicationPatch = {};
  if (dto.employees !== undefined) patch.employees = dto.employees;
  if (dto.target !== undefined) patch.target = dto.target;
  if (dto.target_note !== undefined) patch.targetNote = dto.target_note.trim() || null;
  if (dto.sessions_per_employee !== undefined) patch.sessionsPerEmployee = dto.sessions_per_employee;
  if (dto.minutes_per_session !== undefined) patch.minutesPerSession = dto.minutes_per_session;
  // null clears a draft's price (IsOptional lets it through); BigInt(null) would throw.
  if (dto.price_per_session_yen !== undefined) patch.pricePerSessionYen = dto.price_per_session_yen === null ? null : BigInt(dto.price_per_session_yen);
  if (dto.consultant_name !== undefined) patch.consultantName = dto.consultant_name.trim() || null;
  if (dto.consultant_registration_no !== undefined) {
    const raw = dto.consultant_registration_no.trim();
    patch.consultantRegistrationNo = raw ? (normaliseRegistrationNo(raw) ?? raw) : null;
  }
  if (dto.period_start !== undefined) patch.periodStart = dto.period_start;
  if (dto.period_end !== undefined) patch.periodEnd = dto.period_end;
  if (dto.sme_category !== undefined) patch.smeCategory = dto.sme_category;
  if (dto.no_other_subsidy !== undefined) patch.noOtherSubsidy = dto.no_other_subsidy;
  return patch;
}

/** The plan's figures when all four are there. */
export function plannedSessionsOf(a: Pick<SubsidyApplication, 'employees' | 'sessionsPerEmployee' | 'minutesPerSession' | 'pricePerSessionYen'>): PlannedSessions | null {
  if (a.employees === null || a.sessionsPerEmployee === null || a.minutesPerSession === null || a.pricePerSessionYen === null) return null;
  return { employees: a.employees, sessionsPerEmployee: a.sessionsPerEmployee, minutesPerSession: a.minutesPerSession, pricePerSessionYen: a.pricePerSessionYen };
}

/** eligible_cost_yen and requested_yen for the plan as it stands (null while incomplete). */
export function computedAmounts(a: Parameters<typeof plannedSessionsOf>[0], program: SubsidyProgram): { eligibleCostYen: bigint | null; requestedYen: bigint | null; computation: SubsidyComputation | null } {
  const plan = plannedSessionsOf(a);
  if (!plan) return { eligibleCostYen: null, requestedYen: null, computation: null };
  const computation = plannedSubsidy(plan, termsOf(program));
  return { eligibleCostYen: computation.eligibleCostYen, requestedYen: computation.subsidyYen, computation };
}

export interface ApplicantCompany {
  status: string;
  industry: string;
  employees: number;
  address: string;
}

/**
 * Everything submit checks, each problem naming its field: complete, consistent with the
 * programme's terms, an eligible company, a quote attached, the declaration made.
 */
export function submitProblems(a: SubsidyApplication, program: SubsidyProgram, company: ApplicantCompany, hasQuote: boolean): FieldError[] {
  const problems: FieldError[] = [];
  const need = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') problems.push({ field, message: 'is required' });
  };
  need('employees', a.employees);
  need('target', a.target);
  need('sessions_per_employee', a.sessionsPerEmployee);
  need('minutes_per_session', a.minutesPerSession);
  need('price_per_session_yen', a.pricePerSessionYen);
  need('consultant_name', a.consultantName);
  need('consultant_registration_no', a.consultantRegistrationNo);
  need('period_start', a.periodStart);
  need('period_end', a.periodEnd);
  if (a.target === 'other') need('target_note', a.targetNote);
  if (a.consultantRegistrationNo && !normaliseRegistrationNo(a.consultantRegistrationNo)) {
    problems.push({ field: 'consultant_registration_no', message: 'must be the 8-digit キャリアコンサルタント registration number' });
  }
  if (a.minutesPerSession !== null && a.minutesPerSession < program.minMinutesPerSession) {
    problems.push({ field: 'minutes_per_session', message: `must be at least ${program.minMinutesPerSession} minutes (one to one) to be eligible` });
  }
  const fy = fiscalYearRange(program.fiscalYear);
  if (a.periodStart && a.periodEnd && a.periodEnd < a.periodStart) problems.push({ field: 'period_end', message: 'must not be before period_start' });
  if (a.periodStart && (a.periodStart < fy.start || a.periodStart > fy.end)) problems.push({ field: 'period_start', message: `must lie in fiscal year ${program.fiscalYear} (${fy.start} to ${fy.end})` });
  if (a.periodEnd && (a.periodEnd < fy.start || a.periodEnd > fy.end)) problems.push({ field: 'period_end', message: `must lie in fiscal year ${program.fiscalYear} (${fy.start} to ${fy.end})` });
  if (!a.noOtherSubsidy) problems.push({ field: 'no_other_subsidy', message: 'declare that the same costs receive no other subsidy' });
  if (!hasQuote) problems.push({ field: 'quote', message: 'attach the consultant\'s quote (PDF or image)' });
  if (company.status !== 'verified') problems.push({ field: 'company', message: 'your company must be verified by the city first' });
  if (!addressInMunicipality(company.address, program.municipality)) problems.push({ field: 'company', message: `the company must be located in ${program.municipality}` });
  const sme = smeCheck(company.industry, company.employees, a.smeCategory);
  if (!sme.ok && sme.reason === 'category_needed') problems.push({ field: 'sme_category', message: 'choose the category under 中小企業基本法 (wholesale or retail; lodging counts as services, restaurants as retail)' });
  if (!sme.ok && sme.reason === 'not_a_company') problems.push({ field: 'company', message: 'public bodies are not eligible' });
  if (!sme.ok && sme.reason === 'too_large') problems.push({ field: 'company', message: `an SME in this category has at most ${sme.maxEmployees} employees (yours: ${company.employees})` });
  if (a.requestedYen !== null && a.requestedYen <= 0n && !problems.some((p) => p.field === 'minutes_per_session')) {
    problems.push({ field: 'price_per_session_yen', message: 'the plan computes to no subsidy' });
  }
  return problems;
}

/** What a submission looked like, for "what changed since it was returned". */
export function submissionSnapshot(a: SubsidyApplication): Record<string, unknown> {
  return {
    employees: a.employees,
    target: a.target,
    target_note: a.targetNote,
    sessions_per_employee: a.sessionsPerEmployee,
    minutes_per_session: a.minutesPerSession,
    price_per_session_yen: a.pricePerSessionYen?.toString() ?? null,
    consultant_name: a.consultantName,
    consultant_registration_no: a.consultantRegistrationNo,
    period_start: a.periodStart,
    period_end: a.periodEnd,
    sme_category: a.smeCategory,
    no_other_subsidy: a.noOtherSubsidy,
    requested_yen: a.requestedYen?.toString() ?? null,
  };
}

/** Fields whose value differs between two submissions. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { field: string; before: unknown; after: unknown }[] {
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
