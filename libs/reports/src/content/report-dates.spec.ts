import { formatDate, formatPeriod, tokyoDate } from './report-dates.js';

describe('report dates', () => {
  it('formats a period in both languages from its ISO dates', () => {
    expect(formatPeriod('2026-04-01', '2026-09-30', 'ja')).toBe('2026年4月1日〜2026年9月30日');
    expect(formatPeriod('2026-04-01', '2026-09-30', 'en')).toBe('1 April 2026 – 30 September 2026');
  });

  it('dates an instant in Tokyo, not in the process zone', () => {
    // 16:30 UTC on 14 October is 01:30 on 15 October in Tokyo
    expect(formatDate(tokyoDate(new Date('2026-10-14T16:30:00Z')), 'ja')).toBe('2026年10月15日');
    expect(formatDate(tokyoDate(new Date('2026-10-14T14:59:59Z')), 'en')).toBe('14 October 2026');
  });
});
