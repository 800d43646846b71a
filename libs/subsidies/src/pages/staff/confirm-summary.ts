import type { I18n, Lang } from '@hokenshitsu/web';
import type { SubsidyApplication } from '../../applications/subsidy-application.entity.js';
import { ledgerOf, type SubsidyProgram } from '../../programs/subsidy-program.entity.js';
import type { SubsidyComputation } from '../../rules/subsidy-rules.js';
import type { StaffPageAction } from './action-forms.js';
import { yenText } from './staff-format.js';

export interface ConfirmFacts {
  action: StaffPageAction;
  /** The form as its DTO reads it (amount_yen a number, fields with comments …). */
  plain: Record<string, unknown>;
  application: SubsidyApplication;
  program: SubsidyProgram;
  companyName: string;
  /** What 額の確定 will compute (the confirm action only). */
  confirmPreview: SubsidyComputation | null;
}

/**
 * What the confirmation step shows before she presses the final button: who, which year, and the
 * figures the action will write (the amount, the budget left afterwards, what returns to it).
 */
export function confirmationSummary(f: ConfirmFacts, i18n: I18n, lang: Lang): { label: string; value: string }[] {
  const { action, plain, application: a, program } = f;
  const ledger = ledgerOf(program);
  const amount = typeof plain.amount_yen === 'number' ? BigInt(plain.amount_yen) : null;
  const summary: { label: string; value: string }[] = [];
  const add = (key: string, value: string) => summary.push({ label: i18n.t(lang, key), value });
  add('subsidies.field.company', f.companyName);
  add('subsidyStaff.confirm.program', i18n.t(lang, 'subsidyStaff.fiscalYear', { year: program.fiscalYear }));
  if (action === 'approve') {
    add('subsidies.field.requested_yen', yenText(a.requestedYen, lang));
    add('subsidyStaff.confirm.amount', yenText(amount, lang));
    add('subsidyStaff.confirm.availableAfter', yenText(ledger.availableYen - (amount ?? 0n), lang));
  }
  if (action === 'approve-change') {
    add('subsidyStaff.confirm.previous', yenText(a.approvedYen, lang));
    add('subsidyStaff.confirm.amount', yenText(amount, lang));
    add('subsidyStaff.confirm.availableAfter', yenText(ledger.availableYen - ((amount ?? 0n) - (a.approvedYen ?? 0n)), lang));
  }
  if (action === 'confirm' && f.confirmPreview) {
    add('subsidies.field.approved_yen', yenText(a.approvedYen, lang));
    add('subsidyStaff.confirm.confirmedAmount', yenText(f.confirmPreview.subsidyYen, lang));
    add('subsidyStaff.confirm.released', yenText((a.approvedYen ?? 0n) - f.confirmPreview.subsidyYen, lang));
  }
  if (action === 'pay') {
    add('subsidies.field.confirmed_yen', yenText(a.confirmedYen, lang));
    add('subsidies.field.paid_on', String(plain.paid_on));
    if (a.bankAccount) add('subsidyStaff.confirm.bank', `${a.bankAccount.bank_name} ${a.bankAccount.branch_name}`);
  }
  if (typeof plain.reason === 'string' && plain.reason) add('subsidies.field.reason', plain.reason);
  if (action === 'return') {
    add('subsidies.field.comment', String(plain.comment));
    for (const r of plain.fields as { field: string; comment: string }[]) add(`subsidies.field.${r.field}`, r.comment);
  }
  return summary;
}
