import { field, wholeNumber } from '@hokenshitsu/web';
import { PROGRAM_DEFAULTS } from '../../programs/subsidy-programs.service.js';
import { fiscalYearRange } from '../../rules/subsidy-dates.js';

export const PROGRAM_FORM = 'subsidyStaff.program';

/** Every setting of a programme, in the form's order (the error summary follows it). */
export const PROGRAM_FIELDS = [
  'fiscal_year', 'name', 'budget_yen', 'rate_numerator', 'rate_denominator', 'cap_per_company_yen', 'max_price_per_session_yen',
  'min_minutes_per_session', 'max_sessions_per_employee', 'rounding_yen', 'opens_on', 'closes_on', 'report_due_days', 'report_due_on',
  'withdrawal_days', 'notice_number_format', 'municipality', 'issuer', 'staff_email',
] as const;

const NUMBERS = new Set(['fiscal_year', 'budget_yen', 'rate_numerator', 'rate_denominator', 'cap_per_company_yen', 'max_price_per_session_yen', 'min_minutes_per_session', 'max_sessions_per_employee', 'rounding_yen', 'report_due_days', 'withdrawal_days']);
const OPTIONAL = new Set(['name', 'municipality', 'issuer', 'report_due_days', 'report_due_on', 'withdrawal_days', 'notice_number_format', 'staff_email']);

/** The form pre-filled with the usual terms (the city's 2026 scheme: half, 15,000 yen a session, 千円未満切捨て). */
export function programDefaults(fiscalYear: number): Record<string, string> {
  const fy = fiscalYearRange(fiscalYear);
  return {
    fiscal_year: String(fiscalYear), name: PROGRAM_DEFAULTS.name, budget_yen: '3000000', rate_numerator: '1', rate_denominator: '2',
    cap_per_company_yen: '300000', max_price_per_session_yen: '15000', min_minutes_per_session: '30', max_sessions_per_employee: '3',
    rounding_yen: '1000', opens_on: fy.start, closes_on: `${fiscalYear}-12-28`, report_due_days: String(PROGRAM_DEFAULTS.reportDueDays),
    report_due_on: '', withdrawal_days: String(PROGRAM_DEFAULTS.withdrawalDays), notice_number_format: PROGRAM_DEFAULTS.noticeNumberFormat,
    municipality: PROGRAM_DEFAULTS.municipality, issuer: PROGRAM_DEFAULTS.issuer, staff_email: '',
  };
}

/** What was typed (to show again) and CreateProgramDto's plain shape (full-width digits read; blanks of optional settings left out). */
export function readProgramForm(body: Record<string, unknown>): { values: Record<string, string>; plain: Record<string, unknown> } {
  const values: Record<string, string> = {};
  const plain: Record<string, unknown> = {};
  for (const name of PROGRAM_FIELDS) {
    const typed = field(body, name).trim();
    values[name] = typed;
    if (typed === '' && OPTIONAL.has(name)) continue;
    plain[name] = NUMBERS.has(name) ? wholeNumber(typed.replace(/[,，]/g, ''), 13) : typed;
  }
  return { values, plain };
}
