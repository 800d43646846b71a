import { FormErrorBuilder, type FormError, type FormErrors, type I18n } from '@hokenshitsu/web';

/** The shape the shared error-summary and field-error partials render (web's own forms use it too). */
export type PageFormError = FormError;
export type PageFormErrors = FormErrors;

/** Why a field was refused: class-validator constraint names, or our own ("required", "before"). */
export type FieldReasons = [field: string, reasons: string[]][];

/** Refused fields as Digital Agency style form errors, through the web lib's builder. */
export function pageFormErrors(i18n: I18n, form: string, fieldOrder: readonly string[], refused: FieldReasons): PageFormErrors {
  const builder = new FormErrorBuilder(i18n, form, fieldOrder);
  for (const [field, reasons] of refused) builder.add(field, reasons);
  return builder.build();
}
