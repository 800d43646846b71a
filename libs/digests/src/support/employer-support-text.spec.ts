import { employerSupportText, rateWords } from './employer-support-text.js';

const terms = {
  programName: 'セルフ・キャリアドック導入支援補助金', fiscalYear: 2026, rateNumerator: 1, rateDenominator: 2, capPerCompanyYen: 300_000,
  maxPricePerSessionYen: 15_000, minMinutesPerSession: 30, maxSessionsPerEmployee: 3, opensOn: '2026-04-01', closesOn: '2026-12-28', budgetRemains: true,
};

describe('employerSupportText', () => {
  it('says the rate, the caps, the window and the budget in Japanese', () => {
    const text = employerSupportText(terms, 'ja');
    expect(text.summary).toContain('2分の1');
    expect(text.terms.join('')).toContain('1回15,000円まで');
    expect(text.terms.join('')).toContain('300,000円まで');
    expect(text.terms.join('')).toContain('2026年4月1日〜2026年12月28日');
    expect(text.budget).toBe('今年度の予算にはまだ残りがあります。');
    expect(employerSupportText({ ...terms, budgetRemains: false }, 'ja').budget).toContain('上限に達しました');
  });

  it('and in English', () => {
    const text = employerSupportText(terms, 'en');
    expect(text.summary).toContain('1/2 (50%)');
    expect(text.terms.join(' ')).toContain('¥15,000');
    expect(text.terms.join(' ')).toContain('1 Apr 2026 – 28 Dec 2026');
  });

  it('words rates as people read them', () => {
    expect(rateWords(2, 3, 'ja')).toBe('3分の2');
    expect(rateWords(1, 1, 'ja')).toBe('全額');
    expect(rateWords(1, 3, 'en')).toBe('1/3 (33%)');
  });
});
