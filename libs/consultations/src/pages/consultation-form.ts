import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
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

function wholeNumber(value: string | string[] | undefined): number | string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.normalize('NFKC').trim();
  if (v === '') return undefined;
  return /^\d{1,4}$/.test(v) ? Number(v) : v;
}

/** Validates a form with the API's own DTO; answers the DTO or the fields that failed. */
export async function readConsultationForm(values: FormValues): Promise<{ dto: RecordConsultationDto } | { invalid: FormField[] }> {
  const plain = {
    ...values,
    held_on: typeof values.held_on === 'string' ? values.held_on.normalize('NFKC') : values.held_on,
    themes: values.themes ?? [],
    duration_min: wholeNumber(values.duration_min) ?? '',
    satisfaction: wholeNumber(values.satisfaction),
  };
  const dto = plainToInstance(RecordConsultationDto, plain);
  const errors = await validate(dto, { whitelist: true });
  if (errors.length === 0) return { dto };
  const failed = new Set(errors.map((e) => e.property));
  return { invalid: FORM_FIELDS.filter((f) => failed.has(f)) };
}
