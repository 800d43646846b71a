import { consultedBand, consultedBandLabel } from './consulted-band.js';

describe('consultedBand', () => {
  it.each([
    [5, 5, { min: 5, max: 9 }],
    [9, 5, { min: 5, max: 9 }],
    [10, 5, { min: 10, max: 19 }],
    [19, 5, { min: 10, max: 19 }],
    [20, 5, { min: 20, max: 49 }],
    [73, 5, { min: 50, max: 99 }],
    [100, 5, { min: 100, max: 199 }],
    [499, 5, { min: 200, max: 499 }],
    [500, 5, { min: 500, max: null }],
    [12_345, 5, { min: 500, max: null }],
  ])('%i people with k = %i → %o', (count, k, band) => {
    expect(consultedBand(count, k)).toEqual(band);
  });

  it('never starts a band below k', () => {
    expect(consultedBand(15, 12)).toEqual({ min: 12, max: 19 });
    expect(consultedBand(30, 25)).toEqual({ min: 25, max: 49 });
  });

  it('says "fewer than k" for a count under k, never the count', () => {
    expect(consultedBand(3, 5)).toEqual({ min: null, max: 4 });
  });

  it('always holds the count', () => {
    for (let k = 1; k <= 12; k++) {
      for (let n = k; n <= 1200; n++) {
        const b = consultedBand(n, k);
        expect(b.min! <= n && (b.max === null || n <= b.max)).toBe(true);
      }
    }
  });
});

describe('consultedBandLabel', () => {
  it('words a band in Japanese and English', () => {
    expect(consultedBandLabel({ min: 10, max: 19 }, 'ja')).toBe('10〜19名');
    expect(consultedBandLabel({ min: 10, max: 19 }, 'en')).toBe('10–19 people');
    expect(consultedBandLabel({ min: 500, max: null }, 'ja')).toBe('500名以上');
    expect(consultedBandLabel({ min: 500, max: null }, 'en')).toBe('500 or more people');
    expect(consultedBandLabel({ min: null, max: 4 }, 'ja')).toBe('5名未満');
    expect(consultedBandLabel({ min: null, max: 4 }, 'en')).toBe('fewer than 5 people');
  });
});
