import { keptShare, nextReleaseOf, publishedFingerprint } from './series-figures.js';

describe('kept share of the cells of 3k or more', () => {
  it('rounds to 0.001', () => {
    expect(keptShare(3, 2)).toBe(0.667);
    expect(keptShare(1000, 806)).toBe(0.806);
    expect(keptShare(7, 7)).toBe(1);
    expect(keptShare(2000, 1)).toBe(0.001);
    expect(keptShare(3000, 1)).toBe(0);
  });

  it('is null without large cells, or for a release built before they were counted', () => {
    expect(keptShare(0, 0)).toBeNull();
    expect(keptShare(undefined, undefined)).toBeNull();
    expect(keptShare(5, undefined)).toBeNull();
    expect(keptShare(null, 3)).toBeNull();
  });
});

describe('the published set as a fingerprint', () => {
  it('is the same for the same releases in any order, another for another set', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    expect(publishedFingerprint([a, b])).toBe(publishedFingerprint([b, a]));
    expect(publishedFingerprint([a, b, a])).toBe(publishedFingerprint([a, b]));
    expect(publishedFingerprint([a])).not.toBe(publishedFingerprint([a, b]));
    expect(publishedFingerprint([])).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the release a draft constrains next', () => {
  it('is its fiscal year (1 April to 31 March) for a quarter or a half, in either calendar year', () => {
    expect(nextReleaseOf('2047-04-01', '2047-06-30')).toEqual({ kind: 'fiscal-year', fiscalYear: 2047, start: '2047-04-01', end: '2048-03-31' });
    expect(nextReleaseOf('2048-01-01', '2048-03-31')).toEqual({ kind: 'fiscal-year', fiscalYear: 2047, start: '2047-04-01', end: '2048-03-31' });
    expect(nextReleaseOf('2047-10-01', '2048-03-31')).toMatchObject({ kind: 'fiscal-year', fiscalYear: 2047 });
    // A month inside the year, or a period that starts late and runs to the year's last day.
    expect(nextReleaseOf('2047-04-02', '2048-03-31')).toMatchObject({ kind: 'fiscal-year', fiscalYear: 2047 });
  });

  it('is none for the fiscal year itself, or a period across 31 March', () => {
    expect(nextReleaseOf('2047-04-01', '2048-03-31')).toEqual({ kind: 'is-fiscal-year', fiscalYear: 2047 });
    expect(nextReleaseOf('2048-03-01', '2048-04-30')).toEqual({ kind: 'spans-years' });
    expect(nextReleaseOf('2047-01-01', '2047-12-31')).toEqual({ kind: 'spans-years' });
  });
});
