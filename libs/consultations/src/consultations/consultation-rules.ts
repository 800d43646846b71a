import {
  AGE_BANDS, CHANNELS, EMPLOYED_TYPES, EMPLOYMENT_TYPES, INDUSTRIES, SIZE_BANDS, TENURE_BANDS, THEMES, type CodeLabel,
} from '@hokenshitsu/reference';
import type { FieldError } from '@hokenshitsu/core';

/**
 * The field rules shared by the JSON DTO and the CSV row validator, so that one record and one
 * CSV row are held to the same contract (REFERENCE.md). Messages never echo the value: a shifted
 * column could put a client_ref or an employer key where a code belongs.
 */
const codes = (list: readonly CodeLabel[]) => list.map((c) => c.code);

export const CODES = {
  industry: codes(INDUSTRIES),
  size_band: codes(SIZE_BANDS),
  age_band: codes(AGE_BANDS),
  employment_type: codes(EMPLOYMENT_TYPES),
  tenure_band: codes(TENURE_BANDS),
  channel: codes(CHANNELS),
  themes: codes(THEMES),
} as const;
export type CodedField = keyof typeof CODES;

export const CODE_MESSAGES: Record<CodedField, string> = {
  industry: 'industry must be a JSIC division code (A–T)',
  size_band: `size_band must be one of ${CODES.size_band.join(', ')}`,
  age_band: `age_band must be one of ${CODES.age_band.join(', ')}`,
  employment_type: `employment_type must be one of ${CODES.employment_type.join(', ')}`,
  tenure_band: `tenure_band must be one of ${CODES.tenure_band.join(', ')}`,
  channel: `channel must be one of ${CODES.channel.join(', ')}`,
  themes: 'themes must be one or more theme codes separated by ; (e.g. career_change;health)',
};

export const CLIENT_REF_MAX = 64;
export const EMPLOYER_KEY_MAX = 200;
export const MEMO_MAX = 4000;
export const DURATION_MIN = 1;
export const DURATION_MAX = 480;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
export const DATE_MESSAGE = (field: string) => `${field} must be a real date written YYYY-MM-DD`;

/**
 * A pseudonym, not a name: 1–64 characters, no control characters, and no leading = + - @ so that
 * an exported CSV opened in a spreadsheet cannot run it as a formula.
 */
export function clientRefProblem(value: string): string | null {
  if (value.length === 0) return 'client_ref is required';
  if (value.length > CLIENT_REF_MAX) return `client_ref must be at most ${CLIENT_REF_MAX} characters`;
  if (/\p{Cc}/u.test(value)) return 'client_ref must not contain control characters (tabs, line breaks)';
  if (/^[=+\-@]/.test(value)) return 'client_ref must not start with =, +, - or @';
  return null;
}

/** `a;b;a` → ['a', 'b']: trimmed, empties dropped, deduplicated in first-seen order. */
export function splitThemes(value: string | readonly string[]): string[] {
  const items = typeof value === 'string' ? value.split(';') : value;
  return [...new Set(items.map((t) => String(t).trim()).filter((t) => t !== ''))];
}

export function themesProblem(themes: readonly string[]): string | null {
  if (themes.length === 0) return 'themes must name at least one theme code';
  if (themes.some((t) => !CODES.themes.includes(t))) return CODE_MESSAGES.themes;
  return null;
}

/** Rules across fields (422 for one record, a row error in a file). */
export function crossFieldViolations(input: { employmentType: string; sizeBand: string | null }): FieldError[] {
  if (EMPLOYED_TYPES.includes(input.employmentType) && !input.sizeBand) {
    return [{ field: 'size_band', message: 'size_band is required when employment_type is regular or non_regular' }];
  }
  return [];
}
