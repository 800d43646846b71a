import { fiscalPeriod, fiscalYearOf, parsePreset, presetChoices } from './fiscal-periods.js';

describe('fiscal periods (年度, 上半期/下半期, 四半期)', () => {
  it('computes the fiscal year, its halves and quarters from 1 April', () => {
    const dates = (p: string) => {
      const period = parsePreset(p)!;
      return [period.start, period.end];
    };
    expect(dates('2025-fy')).toEqual(['2025-04-01', '2026-03-31']);
    expect(dates('2025-h1')).toEqual(['2025-04-01', '2025-09-30']);
    expect(dates('2025-h2')).toEqual(['2025-10-01', '2026-03-31']);
    expect(dates('2025-q1')).toEqual(['2025-04-01', '2025-06-30']);
    expect(dates('2025-q2')).toEqual(['2025-07-01', '2025-09-30']);
    expect(dates('2025-q3')).toEqual(['2025-10-01', '2025-12-31']);
    expect(dates('2025-q4')).toEqual(['2026-01-01', '2026-03-31']);
    expect(dates('2027-q4')).toEqual(['2028-01-01', '2028-03-31']);
  });

  it('labels a period in Japanese and English', () => {
    expect(fiscalPeriod(2025, 'q1').label).toEqual({ ja: '2025年度 第1四半期', en: 'FY2025 Q1' });
    expect(fiscalPeriod(2025, 'fy').label).toEqual({ ja: '2025年度', en: 'FY2025' });
    expect(fiscalPeriod(2025, 'h2').label).toEqual({ ja: '2025年度 下半期', en: 'FY2025 H2' });
  });

  it('refuses anything that is not a preset', () => {
    for (const bad of ['', '2025', '2025-q5', '25-q1', '2025-Q1x', '1999-q1']) expect(parsePreset(bad)).toBeUndefined();
    expect(parsePreset(' 2025-Q1 ')?.preset).toBe('2025-q1');
  });

  it('offers the current fiscal year first: March still belongs to the year before', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(presetChoices('2026-03-31').map((c) => c.fiscalYear)).toEqual([2025, 2024]);
    // Every year that holds consultations is offered too, newest first, each once.
    expect(presetChoices('2026-05-01', [2029, 2026, 2019]).map((c) => c.fiscalYear)).toEqual([2029, 2026, 2025, 2019]);
    expect(presetChoices('2026-05-01', [2029])[0]!.periods.map((p) => p.preset)).toEqual(['2029-fy', '2029-h1', '2029-h2', '2029-q1', '2029-q2', '2029-q3', '2029-q4']);
  });
});
