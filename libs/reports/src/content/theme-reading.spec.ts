import { chartReading, ratioStep, themeReading } from './theme-reading.js';

const startup = { ja: '起業・独立', en: 'Starting a business' };

describe('ratioStep', () => {
  it.each([
    [0.2, 0.2, { direction: 'same' }],
    [0.25, 0.2, { direction: 'same' }],
    [0.16, 0.2, { direction: 'same' }],
    [0.3, 0.2, { direction: 'higher', times: 1.5 }],
    [0.4, 0.2, { direction: 'higher', times: 2 }],
    [0.5, 0.2, { direction: 'higher', times: 3 }],
    [0.6, 0.2, { direction: 'higher', times: 3 }],
    [0.8, 0.2, { direction: 'higher', times: 4 }],
    [0.14, 0.2, { direction: 'lower', fraction: '2/3' }],
    [0.1, 0.2, { direction: 'lower', fraction: '1/2' }],
    [0.06, 0.2, { direction: 'lower', fraction: '1/3' }],
  ])('%d against %d → %o', (share, city, step) => {
    expect(ratioStep(share, city)).toEqual(step);
  });
});

describe('themeReading', () => {
  it('says twice as often, in both languages', () => {
    const t = { ...startup, share: 0.24, city_share: 0.12 };
    expect(themeReading(t, 'ja', 'division')).toBe('「起業・独立」は市全体の約2倍の割合で挙がっています。');
    expect(themeReading(t, 'en', 'division')).toBe('“Starting a business” is raised about twice as often in your sector as city-wide.');
  });

  it('says about the same, 1.5 times and lower shares plainly', () => {
    expect(themeReading({ ...startup, share: 0.21, city_share: 0.2 }, 'ja', 'division')).toBe('「起業・独立」は市全体とほぼ同じ割合で挙がっています。');
    expect(themeReading({ ...startup, share: 0.3, city_share: 0.2 }, 'ja', 'division')).toBe('「起業・独立」は市全体の約1.5倍の割合で挙がっています。');
    expect(themeReading({ ...startup, share: 0.1, city_share: 0.2 }, 'ja', 'division')).toBe('「起業・独立」は市全体の約半分の割合にとどまっています。');
    expect(themeReading({ ...startup, share: 0.05, city_share: 0.2 }, 'ja', 'division')).toBe('「起業・独立」は市全体の約4分の1の割合にとどまっています。');
    expect(themeReading({ ...startup, share: 0.1, city_share: 0.2 }, 'en', 'size')).toBe('“Starting a business” is raised only about half as often in your size class as city-wide.');
    expect(themeReading({ ...startup, share: 0.6, city_share: 0.2 }, 'en', 'all')).toBe('“Starting a business” is raised about three times as often among employed clients as city-wide.');
  });

  it('says nothing where a share is missing or zero', () => {
    expect(themeReading({ ...startup, share: 0.2, city_share: null }, 'ja', 'division')).toBeNull();
    expect(themeReading({ ...startup, share: null, city_share: 0.2 }, 'en', 'division')).toBeNull();
    expect(themeReading({ ...startup, share: 0.2, city_share: 0 }, 'ja', 'division')).toBeNull();
  });

  it('says "about the same" once for all such themes, after the ones that differ', () => {
    const themes = [
      { ja: 'ハラスメント', en: 'Harassment', share: 0.2, city_share: 0.2 },
      { ...startup, share: 0.4, city_share: 0.2 },
      { ja: '副業・複業', en: 'Side jobs', share: 0.22, city_share: 0.2 },
      { ja: '昇進・管理職', en: 'Promotion', share: 0.21, city_share: 0.2 },
    ];
    expect(chartReading(themes, 'ja', 'division')).toEqual([
      '「起業・独立」は市全体の約2倍の割合で挙がっています。',
      '「ハラスメント」「副業・複業」「昇進・管理職」は、市全体とほぼ同じ割合で挙がっています。',
    ]);
    expect(chartReading(themes, 'en', 'division')).toEqual([
      '“Starting a business” is raised about twice as often in your sector as city-wide.',
      '“Harassment”, “Side jobs” and “Promotion” are raised about as often in your sector as city-wide.',
    ]);
  });

  it('reads the chart in its order, leaving out themes without both shares', () => {
    const themes = [
      { ...startup, share: 0.4, city_share: 0.2 },
      { ja: '副業・複業', en: 'Side jobs', share: 0.3, city_share: null },
      { ja: 'ハラスメント', en: 'Harassment', share: 0.2, city_share: 0.2 },
    ];
    expect(chartReading(themes, 'ja', 'division')).toEqual([
      '「起業・独立」は市全体の約2倍の割合で挙がっています。',
      '「ハラスメント」は市全体とほぼ同じ割合で挙がっています。',
    ]);
  });
});
