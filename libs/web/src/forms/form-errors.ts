import type { ValidationError } from 'class-validator';
import type { FieldError } from '@hokenshitsu/core';
import type { I18n, Vars } from '../i18n/i18n.js';

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

/** A message about the whole form (wrong password, lock), shown in the summary without a field. */
export interface FormMessage {
  key: string;
  vars?: Vars;
}

/**
 * Turns validation and domain errors into Digital Agency style form errors: one message per field,
 * in the form's field order, each from the locale file (`<form>.errors.<field>.<constraint>`,
 * falling back to the field's `invalid` message, then to a generic one).
 */
export class FormErrorBuilder {
  private readonly errors = new Map<string, FormError>();

  constructor(
    private readonly i18n: I18n,
    private readonly form: string,
    private readonly fieldOrder: readonly string[],
  ) {}

  /** The first key that the locale files know, most specific first. */
  private keyFor(field: string, reasons: string[], generic: string): string {
    const candidates = [...reasons.map((r) => `${this.form}.errors.${field}.${r}`), `${this.form}.errors.${field}.invalid`];
    return candidates.find((k) => this.i18n.has(k)) ?? generic;
  }

  add(field: string, reasons: string[], vars?: Vars): this {
    if (!this.errors.has(field)) this.errors.set(field, { field, id: field, key: this.keyFor(field, reasons, 'form.errors.invalid'), vars });
    return this;
  }

  /** class-validator results; an empty value always reads as "required", whatever rule it broke. */
  addValidation(errors: ValidationError[]): this {
    for (const e of errors) {
      const empty = e.value === undefined || e.value === null || (typeof e.value === 'string' && e.value.trim() === '');
      this.add(e.property, empty ? ['required'] : Object.keys(e.constraints ?? {}));
    }
    return this;
  }

  /** A domain error's fields (e.g. ConflictError on corporate_number) shown beside those fields. */
  addDomain(fields: FieldError[], reason: string): this {
    for (const f of fields) this.add(f.field, [reason]);
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
