import { FormErrorBuilder, readForm, wholeNumber, type I18n } from '@hokenshitsu/web';
import { RecordConsultationDto } from '../consultations/record-consultation.dto.js';

/** The form's fields, in page order (the error summary follows it). */
export const FORM_FIELDS = [
  'held_on', 'client_ref', 'employer_key', 'employment_type', 'industry', 'size_band', 'tenure_band', 'age_band', 'channel',
  'duration_min', 'themes', 'satisfaction', 'memo',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type FormValues = Partial<Record<FormField, string | string[]>>;

/** Form bodies are strings: people type full-width digits, checkboxes give one value or many. */
export function formValues(body: Record<string, unknown> | undefined): FormValues {
  const values: FormValues = {};
  for (const name of FORM_FIELDS) {
    const v = body?.[name];
    if (typeof v === 'string') values[name] = v;
    else if (Array.isArray(v)) values[name] = v.filter((x): x is string => typeof x === 'string');
  }
  return values;
}

/** An optional number field: empty is "not given", anything else as typed or as a number. */
function optionalNumber(value: string | string[] | undefined): number | string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return wholeNumber(value, 4);
}

/** The form's error builder: messages from `consultations.errors.<field>`. */
export function consultationFormErrors(i18n: I18n): FormErrorBuilder {
  return new FormErrorBuilder(i18n, 'consultations', FORM_FIELDS);
}

/** Validates a form with the API's own DTO; answers the DTO, or undefined with the errors added. */
export function readConsultationForm(values: FormValues, errors: FormErrorBuilder): Promise<RecordConsultationDto | undefined> {
  const plain = {
    ...values,
    held_on: typeof values.held_on === 'string' ? values.held_on.normalize('NFKC') : values.held_on,
    themes: values.themes ?? [],
    duration_min: optionalNumber(values.duration_min) ?? '',
    satisfaction: optionalNumber(values.satisfaction),
  };
  return readForm(RecordConsultationDto, plain, errors);
}
