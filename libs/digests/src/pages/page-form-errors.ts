import type { I18n } from '@hokenshitsu/web';

/** One message for the error summary and beside its field; `key` is a locale key, translated in the view. */
export interface PageFormError {
  field: string;
  /** The id of the input the summary links to. */
  id: string;
  key: string;
}

/** The shape the shared error-summary and field-error partials render (as web's own forms do). */
export interface PageFormErrors {
  list: PageFormError[];
  byField: Record<string, PageFormError>;
}

/** Why a field was refused: class-validator constraint names, or our own ("required", "before"). */
export type FieldReasons = [field: string, reasons: string[]][];

/**
 * Turns refused fields into Digital Agency style form errors: one message per field, in the form's
 * field order, from the locale files (`<form>.errors.<field>.<reason>`, else the field's `invalid`
 * message, else the generic one).
 */
export function pageFormErrors(i18n: I18n, form: string, fieldOrder: readonly string[], refused: FieldReasons): PageFormErrors {
  const byField: Record<string, PageFormError> = {};
  for (const [field, reasons] of refused) {
    if (byField[field]) continue;
    const candidates = [...reasons.map((r) => `${form}.errors.${field}.${r}`), `${form}.errors.${field}.invalid`];
    byField[field] = { field, id: field, key: candidates.find((k) => i18n.has(k)) ?? 'form.errors.invalid' };
  }
  const position = (field: string) => (fieldOrder.includes(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
  const list = Object.values(byField).sort((a, b) => position(a.field) - position(b.field));
  return { list, byField };
}
