import { warekiDate } from './wareki.js';

describe('warekiDate', () => {
  it('prints a date as municipal notices do', () => {
    expect(warekiDate('2026-04-01')).toBe('令和8年4月1日');
    expect(warekiDate('2026-11-29')).toBe('令和8年11月29日');
    expect(warekiDate('2027-03-31')).toBe('令和9年3月31日');
  });

  it('crosses the Heisei/Reiwa boundary on 2019-05-01, the first year printed 元年', () => {
    expect(warekiDate('2019-04-30')).toBe('平成31年4月30日');
    expect(warekiDate('2019-05-01')).toBe('令和元年5月1日');
    expect(warekiDate('2019-12-31')).toBe('令和元年12月31日');
    expect(warekiDate('2020-01-01')).toBe('令和2年1月1日');
    expect(warekiDate('1989-01-08')).toBe('平成元年1月8日');
  });

  it('refuses what is not a calendar date rather than print a wrong one', () => {
    expect(() => warekiDate('2026-02-30')).toThrow(RangeError);
    expect(() => warekiDate('2026-4-1')).toThrow(RangeError);
    expect(() => warekiDate('')).toThrow(RangeError);
  });
});
