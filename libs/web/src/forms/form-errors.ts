import type { ValidationError } from 'class-validator';
import type { FieldError } from '@hokenshitsu/core';
import type { I18n, Vars } from '../i18n/i18n.js';
import { isBlank } from './form-values.js';

/** One message for the error summary and beside its field; `key` is a locale key, translated in the view. */
export interface FormError {
  field: string;
  /** The id of the input the summary links to. */
  id: string;
  key: string;
  vars?: Vars;
}

export interface FormErrors {
  list: FormError[];
  byField: Record<string, FormError>;
}

/** Why each field was refused: class-validator constraint names, or a form's own ("required", "before"). */
export type FieldReasons = [field: string, reasons: string[]][];

/**
 * class-validator results as reasons by form field. An empty value always reads as "required",
 * whatever rule it broke; a nested object's fields (`policy.k`) are the form's own fields (`k`):
 * forms are flat.
 */
export function validationReasons(errors: ValidationError[]): FieldReasons {
  return errors.flatMap((e): FieldReasons => {
    if (e.children?.length && !e.constraints) return validationReasons(e.children);
    return [[e.property, isBlank(e.value) ? ['required'] : Object.keys(e.constraints ?? {})]];
  });
}

/** A message about the whole form (wrong password, lock), shown in the summary without a field. */
export interface FormMessage {
  key: string;
  vars?: Vars;
}

/**
 * Turns validation and domain errors into Digital Agency style form errors: one message per field,
 * in the form's field order, each from the locale files. The key is the first the locale files know
 * of `<form>.errors.<field>.<reason>`, `<form>.errors.<field>.invalid`, `<form>.errors.<field>`,
 * then the generic `form.errors.invalid`. This is the only way a page builds form errors.
 */
export class FormErrorBuilder {
  private readonly errors = new Map<string, FormError>();

  constructor(
    private readonly i18n: I18n,
    private readonly form: string,
    private readonly fieldOrder: readonly string[],
  ) {}

  private keyFor(field: string, reasons: string[]): string {
    const base = `${this.form}.errors.${field}`;
    const candidates = [...reasons.map((r) => `${base}.${r}`), `${base}.invalid`, base];
    return candidates.find((k) => this.i18n.has(k)) ?? 'form.errors.invalid';
  }

  /** The first message for a field wins: one message per field. */
  add(field: string, reasons: string[], vars?: Vars): this {
    return this.addKey(field, this.keyFor(field, reasons), vars);
  }

  /** A message with a key of its own (a rule that spans fields, say). */
  addKey(field: string, key: string, vars?: Vars, id = field): this {
    if (!this.errors.has(field)) this.errors.set(field, { field, id, key, vars });
    return this;
  }

  addReasons(refused: FieldReasons): this {
    for (const [field, reasons] of refused) this.add(field, reasons);
    return this;
  }

  /** class-validator results (see validationReasons). */
  addValidation(errors: ValidationError[]): this {
    return this.addReasons(validationReasons(errors));
  }

  /** A domain error's fields (ConflictError on corporate_number, say) shown beside those fields. */
  addDomain(fields: FieldError[], reason: string): this {
    for (const f of fields) this.add(f.field.replace(/^.*\./, ''), [reason]);
    return this;
  }

  get empty(): boolean {
    return this.errors.size === 0;
  }

  build(): FormErrors {
    const position = (field: string) => {
      const i = this.fieldOrder.indexOf(field);
      return i < 0 ? this.fieldOrder.length : i;
    };
    const list = [...this.errors.values()].sort((a, b) => position(a.field) - position(b.field));
    return { list, byField: Object.fromEntries(list.map((e) => [e.field, e])) };
  }
}
