import type { CsvColumn, ConsultationInput } from './consultation.js';
import {
  CODE_MESSAGES, CODES, DATE_MESSAGE, DURATION_MAX, DURATION_MIN, EMPLOYER_KEY_MAX, clientRefProblem, crossFieldViolations,
  isCalendarDate, splitThemes, themesProblem, type CodedField,
} from './consultation-rules.js';

export interface RowError {
  column: string;
  message: string;
}

export type RowResult = { ok: true; value: ConsultationInput } | { ok: false; errors: RowError[] };

/** One CSV row by column name; a column the file does not have is undefined. */
export type RawRow = Partial<Record<CsvColumn, string>>;

/**
 * Pure: checks one CSV row against REFERENCE.md and returns the normalised record or every
 * problem in it, each naming its column. Never echoes a value (see consultation-rules.ts).
 */
export function validateConsultationRow(raw: RawRow): RowResult {
  const errors: RowError[] = [];
  const text = (column: CsvColumn) => (raw[column] ?? '').trim();
  const fail = (column: string, message: string) => {
    errors.push({ column, message });
    return null;
  };
  const code = (column: CodedField & CsvColumn, optional = false): string | null => {
    const value = text(column);
    if (value === '') return optional ? null : fail(column, `${column} is required`);
    return CODES[column].includes(value) ? value : fail(column, CODE_MESSAGES[column]);
  };

  const heldOn = text('held_on');
  if (heldOn === '') fail('held_on', 'held_on is required');
  else if (!isCalendarDate(heldOn)) fail('held_on', DATE_MESSAGE('held_on'));

  const clientRef = text('client_ref');
  const clientRefError = clientRefProblem(clientRef);
  if (clientRefError) fail('client_ref', clientRefError);

  const employerKey = text('employer_key');
  if (employerKey.length > EMPLOYER_KEY_MAX) fail('employer_key', `employer_key must be at most ${EMPLOYER_KEY_MAX} characters`);

  const industry = code('industry');
  const sizeBand = code('size_band', true);
  const ageBand = code('age_band');
  const employmentType = code('employment_type');
  const tenureBand = code('tenure_band');
  const channel = code('channel');

  const durationText = text('duration_min');
  const durationMin = Number(durationText);
  if (durationText === '') fail('duration_min', 'duration_min is required');
  else if (!/^\d{1,4}$/.test(durationText) || durationMin < DURATION_MIN || durationMin > DURATION_MAX) {
    fail('duration_min', `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}`);
  }

  const themes = splitThemes(text('themes'));
  const themesError = text('themes') === '' ? 'themes is required' : themesProblem(themes);
  if (themesError) fail('themes', themesError);

  const satisfactionText = text('satisfaction');
  if (satisfactionText !== '' && !/^[1-5]$/.test(satisfactionText)) fail('satisfaction', 'satisfaction must be a whole number from 1 to 5, or empty');

  if (employmentType !== null) {
    for (const v of crossFieldViolations({ employmentType, sizeBand })) {
      if (text('size_band') === '') fail(v.field, v.message);
    }
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      heldOn,
      clientRef,
      employerKey: employerKey === '' ? null : employerKey,
      industry: industry!,
      sizeBand,
      ageBand: ageBand!,
      employmentType: employmentType!,
      tenureBand: tenureBand!,
      channel: channel!,
      durationMin,
      themes,
      satisfaction: satisfactionText === '' ? null : Number(satisfactionText),
      memo: null,
    },
  };
}
