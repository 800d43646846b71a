import { validateConsultationRow, type RawRow } from './consultation-row.validator.js';
import { isCalendarDate, splitThemes } from './consultation-rules.js';

const good: RawRow = {
  held_on: '2026-11-04',
  client_ref: 'R-0412',
  employer_key: '株式会社あさひ',
  industry: 'E',
  size_band: '20-49',
  age_band: '30-39',
  employment_type: 'regular',
  tenure_band: '3-10',
  channel: 'in_person',
  duration_min: '60',
  themes: 'career_change;health',
  satisfaction: '4',
};

const errorsOf = (row: RawRow) => {
  const r = validateConsultationRow(row);
  return r.ok ? [] : r.errors;
};

describe('validateConsultationRow', () => {
  it('accepts a good row and normalises it', () => {
    const r = validateConsultationRow({ ...good, client_ref: '  R-0412 ', themes: ' health ; career_change;health;' });
    expect(r).toEqual({
      ok: true,
      value: {
        heldOn: '2026-11-04', clientRef: 'R-0412', employerKey: '株式会社あさひ', industry: 'E', sizeBand: '20-49', ageBand: '30-39',
        employmentType: 'regular', tenureBand: '3-10', channel: 'in_person', durationMin: 60, themes: ['health', 'career_change'],
        satisfaction: 4, memo: null,
      },
    });
  });

  it('treats empty optional fields as absent', () => {
    const r = validateConsultationRow({ ...good, employer_key: '', size_band: '', employment_type: 'not_working', tenure_band: 'na', satisfaction: ' ' });
    expect(r.ok && [r.value.employerKey, r.value.sizeBand, r.value.satisfaction]).toEqual([null, null, null]);
    const absent = validateConsultationRow({ ...good, employer_key: undefined, size_band: undefined, satisfaction: undefined, employment_type: 'executive' });
    expect(absent.ok).toBe(true);
  });

  it('names every bad column of a row', () => {
    const errors = errorsOf({ ...good, industry: 'Z', age_band: '35', channel: 'fax', themes: 'career_change;astrology', satisfaction: '6' });
    expect(errors.map((e) => e.column)).toEqual(['industry', 'age_band', 'channel', 'themes', 'satisfaction']);
  });

  it('requires the required fields', () => {
    const errors = errorsOf({ employer_key: 'x' });
    expect(errors.map((e) => e.column).sort()).toEqual(
      ['age_band', 'channel', 'client_ref', 'duration_min', 'employment_type', 'held_on', 'industry', 'tenure_band', 'themes'].sort(),
    );
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '26-04-01', '2026/04/01', '2026-4-1', 'yesterday'])('refuses the date %s', (held_on) => {
    expect(errorsOf({ ...good, held_on })).toEqual([{ column: 'held_on', message: 'held_on must be a real date written YYYY-MM-DD' }]);
  });

  it('accepts 29 February in a leap year', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it.each(['0', '481', '1.5', '-5', '60分', ' '])('refuses duration_min %j', (duration_min) => {
    expect(errorsOf({ ...good, duration_min }).map((e) => e.column)).toEqual(['duration_min']);
  });

  it('requires size_band for regular and non_regular employees only', () => {
    for (const employment_type of ['regular', 'non_regular']) {
      expect(errorsOf({ ...good, employment_type, size_band: '' })).toEqual([
        { column: 'size_band', message: 'size_band is required when employment_type is regular or non_regular' },
      ]);
    }
    expect(errorsOf({ ...good, employment_type: 'self_employed', size_band: '' })).toEqual([]);
    // A bad size_band is reported once, as a bad code.
    expect(errorsOf({ ...good, size_band: '7' }).map((e) => e.message)).toEqual([expect.stringMatching(/^size_band must be one of/)]);
  });

  it('limits client_ref to 64 characters without control characters or a formula start', () => {
    expect(errorsOf({ ...good, client_ref: 'あ'.repeat(64) })).toEqual([]);
    expect(errorsOf({ ...good, client_ref: 'あ'.repeat(65) }).map((e) => e.column)).toEqual(['client_ref']);
    expect(errorsOf({ ...good, client_ref: 'a\tb' }).map((e) => e.column)).toEqual(['client_ref']);
    expect(errorsOf({ ...good, client_ref: '=HYPERLINK("x")' }).map((e) => e.column)).toEqual(['client_ref']);
  });

  it('never echoes client_ref or employer_key in a message', () => {
    const secretRef = 'SECRET-REF-777';
    const secretEmployer = 'ひみつ商事株式会社'.repeat(30);
    const errors = errorsOf({ ...good, client_ref: `${secretRef}${'x'.repeat(70)}`, employer_key: secretEmployer, industry: secretRef, themes: secretRef });
    expect(errors.length).toBeGreaterThanOrEqual(4);
    for (const e of errors) {
      expect(e.message).not.toContain(secretRef);
      expect(e.message).not.toContain('ひみつ');
    }
  });
});

describe('splitThemes', () => {
  it('splits, trims, drops empties and deduplicates', () => {
    expect(splitThemes('a; b;;a ;')).toEqual(['a', 'b']);
    expect(splitThemes(['b', ' b', 'c'])).toEqual(['b', 'c']);
  });
});
