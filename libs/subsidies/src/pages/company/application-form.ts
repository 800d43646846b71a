import { createHash } from 'node:crypto';
import type { FieldError } from '@hokenshitsu/core';
import { field, FormErrorBuilder, isBlank, wholeNumber, type I18n } from '@hokenshitsu/web';
import type { ApplicationPlanDto } from '../../applications/application-plan.dto.js';
import type { SubsidyApplication } from '../../applications/subsidy-application.entity.js';

export const PLAN_FORM = 'subsidyCompany.form';

/** The form's fields in the page's order (the error summary follows it). */
export const PLAN_FIELDS = [
  'program_id', 'company', 'revision', 'state',
  'employees', 'target', 'target_note', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen',
  'consultant_name', 'consultant_registration_no', 'period_start', 'period_end', 'sme_category', 'quote', 'no_other_subsidy',
] as const;

const NUMBER_FIELDS = ['employees', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen'] as const;
const TEXT_FIELDS = ['target_note', 'consultant_name', 'consultant_registration_no'] as const;
const CHOICE_FIELDS = ['target', 'sme_category'] as const;
const DATE_FIELDS = ['period_start', 'period_end'] as const;

/** What she typed, as the form shows it again (strings, as typed). */
export type PlanValues = Record<string, string>;

/**
 * A posted plan (the whole form, or the script's autosave of it) as ApplicationPlanDto's plain
 * shape. A field she emptied is cleared (null: a draft holds what she typed, nothing more); a
 * field the form does not carry (a radio never chosen, the SME category her industry does not
 * need) is left as it was; the declaration is the checkbox, so its absence is "not declared".
 */
export function readPlanForm(body: Record<string, unknown>): { plain: Record<string, unknown>; values: PlanValues } {
  const values: PlanValues = {};
  const plain: Record<string, unknown> = {};
  const sent = (name: string) => body[name] !== undefined;
  for (const name of NUMBER_FIELDS) {
    values[name] = field(body, name);
    if (!isBlank(values[name])) plain[name] = wholeNumber(values[name].replace(/[,，]/g, ''), 9);
    else if (sent(name)) plain[name] = null;
  }
  for (const name of TEXT_FIELDS) {
    values[name] = field(body, name);
    if (sent(name)) plain[name] = values[name];
  }
  for (const name of [...CHOICE_FIELDS, ...DATE_FIELDS]) {
    values[name] = field(body, name).trim();
    if (values[name]) plain[name] = values[name];
    else if (sent(name)) plain[name] = null;
  }
  const declared = field(body, 'no_other_subsidy') === 'true';
  values.no_other_subsidy = declared ? 'true' : '';
  plain.no_other_subsidy = declared;
  return { plain, values };
}

/** The saved application as the form shows it. */
export function planValuesOf(a: SubsidyApplication): PlanValues {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    employees: s(a.employees),
    target: s(a.target),
    target_note: s(a.targetNote),
    sessions_per_employee: s(a.sessionsPerEmployee),
    minutes_per_session: s(a.minutesPerSession),
    price_per_session_yen: s(a.pricePerSessionYen),
    consultant_name: s(a.consultantName),
    consultant_registration_no: s(a.consultantRegistrationNo),
    period_start: s(a.periodStart),
    period_end: s(a.periodEnd),
    sme_category: s(a.smeCategory),
    no_other_subsidy: a.noOtherSubsidy ? 'true' : '',
  };
}

/** The fields of a plan that passed validation (autosave keeps those and reports the rest). */
export function withoutRefused(plain: Record<string, unknown>, refused: Iterable<string>): Partial<ApplicationPlanDto> {
  const out = { ...plain };
  for (const f of refused) delete out[f];
  return out as Partial<ApplicationPlanDto>;
}

/**
 * The service's refusals (English sentences naming a field) as the form's reasons, so each is
 * shown beside its field in her language. The reason is read from the shape of the message the
 * rules write (application-plan.ts submitProblems).
 */
export function reasonOf(problem: FieldError): string {
  const m = problem.message;
  if (m === 'is required' || m.startsWith('attach') || m.startsWith('choose') || m.startsWith('declare')) return 'required';
  if (m.includes('fiscal year')) return 'fiscalYear';
  if (m.startsWith('must not be before')) return 'order';
  if (problem.field === 'minutes_per_session' && m.includes('minutes')) return 'tooShort';
  if (m.includes('computes to no subsidy')) return 'noSubsidy';
  return 'invalid';
}

/** Adds domain refusals field by field; fields the form does not show go to the summary under their own name. */
export function addProblems(errors: FormErrorBuilder, problems: readonly FieldError[], vars: Record<string, string | number> = {}): void {
  for (const p of problems) errors.add(p.field.replace(/^.*\./, ''), [reasonOf(p)], vars);
}

/** A form error builder for one of her forms. */
export const formErrors = (i18n: I18n, form: string, fields: readonly string[]) => new FormErrorBuilder(i18n, form, fields);

/** A form's one-time key (a hidden field): a double-tapped button, or a retried post, acts once. */
export function formIdempotency(body: Record<string, unknown>, ...request: unknown[]): { key: string; hash: string } | undefined {
  const key = field(body, 'form_key');
  if (!/^[0-9a-f-]{36}$/.test(key)) return undefined;
  return { key: `page:${key}`, hash: createHash('sha256').update(JSON.stringify(request)).digest('hex') };
}
