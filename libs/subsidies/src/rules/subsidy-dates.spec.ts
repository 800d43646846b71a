import fc from 'fast-check';
import { addDays, daysBetween, fiscalYearOf, fiscalYearRange, reportDueOn, withdrawalLastDay } from './subsidy-dates.js';

describe('subsidy dates', () => {
  it('fiscalYearOf: 03-31 belongs to the year before, 04-01 starts the year', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-12-31')).toBe(2026);
    expect(fiscalYearOf('2027-01-01')).toBe(2026);
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });

  it('every day of a fiscal year lies in its range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (n) => {
        const d = addDays('2000-01-01', n);
        const r = fiscalYearRange(fiscalYearOf(d));
        expect(d >= r.start && d <= r.end).toBe(true);
      }),
    );
  });

  it('reportDueOn: N days after the period, or the fixed date, whichever is earlier', () => {
    expect(reportDueOn('2026-09-30', 30, null)).toBe('2026-10-30');
    expect(reportDueOn('2026-09-30', 30, '2026-10-29')).toBe('2026-10-29');
    expect(reportDueOn('2026-09-30', 30, '2026-10-30')).toBe('2026-10-30');
    expect(reportDueOn('2026-09-30', 30, '2026-10-31')).toBe('2026-10-30');
    expect(reportDueOn('2027-02-15', 30, '2027-03-10')).toBe('2027-03-10');
    expect(reportDueOn('2028-02-28', 1, null)).toBe('2028-02-29');
  });

  it('withdrawalLastDay: the decision date plus the window, across month and year ends', () => {
    expect(withdrawalLastDay('2026-11-29', 10)).toBe('2026-12-09');
    expect(withdrawalLastDay('2026-12-25', 10)).toBe('2027-01-04');
    expect(withdrawalLastDay('2026-11-29', 0)).toBe('2026-11-29');
  });

  it('addDays and daysBetween agree, whatever the process\'s time zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -400, max: 400 }), (start, n) => {
        const a = addDays('1990-01-01', start);
        expect(daysBetween(a, addDays(a, n))).toBe(n);
      }),
    );
  });
});
