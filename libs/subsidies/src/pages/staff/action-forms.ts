import { ConflictError, DomainError, InvalidStateTransitionError, type FieldError } from '@hokenshitsu/core';
import { field, FormErrorBuilder, isBlank, wholeNumber, type FormErrors, type I18n, type Lang } from '@hokenshitsu/web';
import { ApproveApplicationDto, ApproveChangeDto, PayDto, ReasonDto, ReturnApplicationDto } from '../../applications/application-actions.dto.js';
import { APPLICATION_FIELDS } from '../../applications/application-states.js';
import { BudgetExceededError } from '../../applications/application-transitions.service.js';

/** The staff actions the review page offers, each a form that leads to a confirmation step first. */
export const STAFF_PAGE_ACTIONS = ['approve', 'return', 'reject', 'confirm', 'pay', 'approve-change', 'refuse-change'] as const;
export type StaffPageAction = (typeof STAFF_PAGE_ACTIONS)[number];

export const ACTION_FORM = 'subsidyStaff.action';

/** The form's fields per action, in their order on the page (the error summary follows it). */
export const ACTION_FIELDS: Record<StaffPageAction, readonly string[]> = {
  approve: ['amount_yen', 'reason'],
  return: ['comment', ...APPLICATION_FIELDS.map((f) => `comment_${f}`)],
  reject: ['reason'],
  confirm: [],
  pay: ['paid_on'],
  'approve-change': ['amount_yen', 'reason'],
  'refuse-change': ['reason'],
};

/** A form's checkboxes: one name, many values (urlencoded gives a string or an array). */
export function checked(body: Record<string, unknown>, name: string): string[] {
  const raw = body[name];
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
}

/** What the action's form posted, as the plain shape of its DTO, and the names and values to carry to the confirmation step. */
export function readActionForm(action: StaffPageAction, body: Record<string, unknown>): { plain: Record<string, unknown>; carried: { name: string; value: string }[] } {
  const carried: { name: string; value: string }[] = [];
  const carry = (name: string) => {
    const value = field(body, name);
    carried.push({ name, value });
    return value;
  };
  switch (action) {
    case 'approve':
    case 'approve-change': {
      const amount = carry('amount_yen');
      const reason = carry('reason').trim();
      return { plain: { amount_yen: wholeNumber(amount.replace(/[,，円]/g, ''), 13), ...(reason ? { reason } : {}) }, carried };
    }
    case 'reject':
    case 'refuse-change':
      return { plain: { reason: carry('reason').trim() }, carried };
    case 'pay':
      return { plain: { paid_on: carry('paid_on').trim() }, carried };
    case 'return': {
      const comment = carry('comment').trim();
      const names = checked(body, 'fields').filter((f) => (APPLICATION_FIELDS as readonly string[]).includes(f));
      const fields = names.map((f) => {
        carried.push({ name: 'fields', value: f });
        return { field: f, comment: carry(`comment_${f}`).trim() };
      });
      return { plain: { comment, fields }, carried };
    }
    case 'confirm':
      return { plain: {}, carried };
  }
}

export const ACTION_DTOS = {
  approve: ApproveApplicationDto,
  'approve-change': ApproveChangeDto,
  reject: ReasonDto,
  'refuse-change': ReasonDto,
  pay: PayDto,
  return: ReturnApplicationDto,
} as const;

/**
 * The page's own checks before the confirmation step, the same rules the service applies (it
 * checks again): the amount no higher than computed, a reason when it is lowered, a comment for
 * each field named in a return.
 */
export function pageChecks(action: StaffPageAction, plain: Record<string, unknown>, ceilingYen: bigint | null, errors: FormErrorBuilder): void {
  if ((action === 'approve' || action === 'approve-change') && typeof plain.amount_yen === 'number' && ceilingYen !== null) {
    if (BigInt(plain.amount_yen) > ceilingYen) errors.addKey('amount_yen', `${ACTION_FORM}.errors.amount_yen.aboveComputed`, { yen: ceilingYen.toLocaleString('en') });
    else if (BigInt(plain.amount_yen) < ceilingYen && isBlank(plain.reason)) errors.addKey('reason', `${ACTION_FORM}.errors.reason.lowered`);
  }
  if (action === 'return') {
    for (const f of (plain.fields as { field: string; comment: string }[])) {
      if (!f.comment) errors.addKey(`comment_${f.field}`, `${ACTION_FORM}.errors.fieldComment`);
    }
  }
}

/** Field errors get ids of their action's form (`approve-amount_yen`): several forms share a page. */
export function scoped(action: string, errors: FormErrors): FormErrors {
  const list = errors.list.map((e) => ({ ...e, id: `${action}-${e.id}` }));
  return { list, byField: Object.fromEntries(list.map((e) => [e.field, e])) };
}

const PATTERNS: [RegExp, string][] = [
  [/exceeds the available budget \(([\d,]+) yen\)/, 'budgetExceeded'],
  [/exceeds the company's remaining cap of ([\d,]+) yen/, 'companyCap'],
  [/must not exceed ([\d,]+) yen/, 'aboveComputed'],
  [/say why the amount is lowered/, 'lowered'],
  [/must be (\d{4}-\d\d-\d\d) or later/, 'notBefore'],
  [/must be (\d{4}-\d\d-\d\d) or earlier/, 'notAfter'],
  [/is awaiting a decision/, 'changePending'],
];

/**
 * A refusal from ApplicationTransitionsService in her language, beside the field it names:
 * the service words its field messages in English for the API; the page recognises each rule.
 */
export function addRefusal(errors: FormErrorBuilder, error: DomainError, i18n: I18n, lang: Lang): { formMessage?: { key: string; vars?: Record<string, string> } } {
  if (error instanceof InvalidStateTransitionError || (error instanceof ConflictError && error.fields.some((f) => f.field === 'state'))) {
    const state = /is (\w+)/.exec(error.fields[0]?.message ?? '')?.[1] ?? '';
    return { formMessage: { key: `${ACTION_FORM}.errors.state`, vars: { state: i18n.t(lang, `subsidies.state.${state}`) } } };
  }
  const fields: FieldError[] = error.fields.length ? error.fields : [{ field: 'form', message: error.message }];
  let general: { key: string; vars?: Record<string, string> } | undefined;
  for (const f of fields) {
    const match = PATTERNS.find(([re]) => re.test(f.message));
    const value = match ? (match[0].exec(f.message)?.[1] ?? '') : '';
    const key = match ? `${ACTION_FORM}.errors.${match[1]}` : `${ACTION_FORM}.errors.other`;
    const vars = { yen: value, date: value, message: f.message };
    if (error instanceof BudgetExceededError || (ACTION_FIELDS_ALL.has(f.field))) errors.addKey(f.field, key, vars);
    else general = { key, vars };
  }
  return general ? { formMessage: general } : {};
}

const ACTION_FIELDS_ALL = new Set(['amount_yen', 'reason', 'comment', 'paid_on']);
