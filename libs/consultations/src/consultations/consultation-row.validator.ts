import type { CsvColumn, ConsultationInput } from './consultation.js';
import {
  type Bilingual, badCodeText, clientRefText, dateText, durationText, employerKeyText, noThemeText, requiredText, satisfactionText,
  sizeBandRequiredText,
} from './consultation-messages.js';
import {
  CODE_MESSAGES, CODES, DATE_MESSAGE, DURATION_MAX, DURATION_MIN, EMPLOYER_KEY_MAX, clientRefProblem, crossFieldViolations,
  isCalendarDate, splitThemes, type CodedField,
} from './consultation-rules.js';

export interface RowError {
  column: string;
  message: string;
}

/** A row error with the texts a person reads (Japanese and English, naming allowed codes with labels). */
export interface RowProblem extends RowError {
  text: Bilingual;
}

export type RowResult = { ok: true; value: ConsultationInput } | { ok: false; errors: RowError[] };
export type RowCheck = { ok: true; value: ConsultationInput } | { ok: false; problems: RowProblem[] };

/** One CSV row by column name; a column the file does not have is undefined. */
export type RawRow = Partial<Record<CsvColumn, string>>;

/**
 * Pure: checks one CSV row against REFERENCE.md and returns the normalised record or every
 * problem in it, each naming its column. Never echoes a value (see consultation-rules.ts).
 */
export function validateConsultationRow(raw: RawRow): RowResult {
  const r = checkConsultationRow(raw);
  return r.ok ? r : { ok: false, errors: r.problems.map(({ column, message }) => ({ column, message })) };
}

/** validateConsultationRow with each problem's Japanese and English text for people. */
export function checkConsultationRow(raw: RawRow): RowCheck {
  const errors: RowProblem[] = [];
  const text = (column: CsvColumn) => (raw[column] ?? '').trim();
  const fail = (column: string, message: string, said: Bilingual) => {
    errors.push({ column, message, text: said });
    return null;
  };
  const required = (column: string) => fail(column, `${column} is required`, requiredText(column));
  const code = (column: CodedField & CsvColumn, optional = false): string | null => {
    const value = text(column);
    if (value === '') return optional ? null : required(column);
    return CODES[column].includes(value) ? value : fail(column, CODE_MESSAGES[column], badCodeText(column));
  };

  const heldOn = text('held_on');
  if (heldOn === '') required('held_on');
  else if (!isCalendarDate(heldOn)) fail('held_on', DATE_MESSAGE('held_on'), dateText('held_on'));

  const clientRef = text('client_ref');
  const clientRefError = clientRefProblem(clientRef);
  if (clientRefError) fail('client_ref', clientRefError, clientRefText(clientRefError));

  const employerKey = text('employer_key');
  if (employerKey.length > EMPLOYER_KEY_MAX) fail('employer_key', `employer_key must be at most ${EMPLOYER_KEY_MAX} characters`, employerKeyText());

  const industry = code('industry');
  const sizeBand = code('size_band', true);
  const ageBand = code('age_band');
  const employmentType = code('employment_type');
  const tenureBand = code('tenure_band');
  const channel = code('channel');

  const durationValue = text('duration_min');
  const durationMin = Number(durationValue);
  if (durationValue === '') required('duration_min');
  else if (!/^\d{1,4}$/.test(durationValue) || durationMin < DURATION_MIN || durationMin > DURATION_MAX) {
    fail('duration_min', `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}`, durationText());
  }

  const themes = splitThemes(text('themes'));
  if (text('themes') === '') required('themes');
  else if (themes.length === 0) fail('themes', 'themes must name at least one theme code', noThemeText());
  else if (themes.some((t) => !CODES.themes.includes(t))) fail('themes', CODE_MESSAGES.themes, badCodeText('themes'));

  const satisfactionValue = text('satisfaction');
  if (satisfactionValue !== '' && !/^[1-5]$/.test(satisfactionValue)) {
    fail('satisfaction', 'satisfaction must be a whole number from 1 to 5, or empty', satisfactionText());
  }

  if (employmentType !== null) {
    for (const v of crossFieldViolations({ employmentType, sizeBand })) {
      if (text('size_band') === '') fail(v.field, v.message, sizeBandRequiredText());
    }
  }
  if (errors.length) return { ok: false, problems: errors };
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
      satisfaction: satisfactionValue === '' ? null : Number(satisfactionValue),
      memo: null,
    },
  };
}
