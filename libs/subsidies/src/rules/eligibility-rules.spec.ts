import fc from 'fast-check';
import { addressInMunicipality, normaliseRegistrationNo, smeCategoryOfDivision, smeCheck, SME_MAX_EMPLOYEES, toHalfWidth } from './eligibility-rules.js';

describe('smeCheck: 中小企業基本法 headcount thresholds', () => {
  it.each([
    ['E', 300, true], ['E', 301, false], // manufacturing
    ['A', 300, true], ['K', 301, false], // other industries
    ['G', 100, true], ['G', 101, false], // services
    ['P', 100, true], ['R', 101, false],
  ] as const)('division %s with %i employees: SME %s', (division, employees, ok) => {
    const r = smeCheck(division, employees, null);
    expect(r.ok).toBe(ok);
    if (!ok) expect(r).toMatchObject({ reason: 'too_large' });
  });

  it.each([
    ['wholesale', 100, true], ['wholesale', 101, false],
    ['retail', 50, true], ['retail', 51, false],
    ['services', 100, true], ['services', 101, false],
    ['manufacturing_other', 300, true], ['manufacturing_other', 301, false],
  ] as const)('division I declared %s with %i employees: SME %s', (category, employees, ok) => {
    const r = smeCheck('I', employees, category);
    expect(r.ok).toBe(ok);
    expect(r).toMatchObject(ok ? { category, maxEmployees: SME_MAX_EMPLOYEES[category] } : { reason: 'too_large', category, maxEmployees: SME_MAX_EMPLOYEES[category] });
  });

  it('needs a declared category for I (wholesale/retail), M (lodging/restaurants) and T (unclassified)', () => {
    for (const d of ['I', 'M', 'T']) {
      expect(smeCheck(d, 10, null)).toEqual({ ok: false, reason: 'category_needed' });
      expect(smeCheck(d, 10, undefined)).toEqual({ ok: false, reason: 'category_needed' });
      expect(smeCheck(d, 10, 'retail')).toMatchObject({ ok: true, category: 'retail' });
      expect(smeCategoryOfDivision(d)).toBeNull();
    }
  });

  it('lets the division decide where it can: a declared category does not lift manufacturing\'s threshold or lower services\'', () => {
    expect(smeCheck('E', 300, 'retail')).toMatchObject({ ok: true, category: 'manufacturing_other' });
    expect(smeCheck('G', 101, 'manufacturing_other')).toMatchObject({ ok: false, reason: 'too_large', category: 'services' });
    expect(smeCategoryOfDivision('E')).toBe('manufacturing_other');
    expect(smeCategoryOfDivision('P')).toBe('services');
  });

  it('refuses public bodies (S) whatever they declare', () => {
    expect(smeCheck('S', 5, 'services')).toEqual({ ok: false, reason: 'not_a_company' });
    expect(smeCategoryOfDivision('S')).toBeNull();
  });

  it('is monotone: an SME stays an SME with fewer employees', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRST'.split('')), fc.constantFrom(null, 'wholesale', 'retail', 'services', 'manufacturing_other' as const), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (d, declared, n, less) => {
        if (smeCheck(d, n, declared).ok) expect(smeCheck(d, Math.max(1, n - less), declared).ok).toBe(true);
      }),
    );
  });
});

describe('normaliseRegistrationNo: キャリアコンサルタント登録番号', () => {
  it.each([
    ['16012345', '16012345'],
    ['１６０１２３４５', '16012345'],
    ['第16012345号', '16012345'],
    ['第１６０１２３４５号', '16012345'],
    ['1601-2345', '16012345'],
    ['１６０１－２３４５', '16012345'],
    [' 1601 2345 ', '16012345'],
    ['1601　2345', '16012345'],
  ])('%s → %s', (given, want) => expect(normaliseRegistrationNo(given)).toBe(want));

  it.each(['1601234', '160123456', 'ABCDEFGH', '', '第号', '1601234５6', '16O12345'])('refuses %j', (given) => expect(normaliseRegistrationNo(given)).toBeNull());

  it('any eight digits, however written, normalise to themselves', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.boolean(), fc.boolean(), (digits, wide, wrapped) => {
        const shown = wide ? digits.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : digits;
        expect(normaliseRegistrationNo(wrapped ? `第${shown}号` : shown)).toBe(digits);
      }),
    );
  });
});

describe('addressInMunicipality', () => {
  it('finds the city in an address, with or without the prefecture, through full-width spaces', () => {
    expect(addressInMunicipality('北海道旭川市6条通9丁目', '旭川市')).toBe(true);
    expect(addressInMunicipality('旭川市　宮下通１７丁目', '旭川市')).toBe(true);
    expect(addressInMunicipality('北海道 旭川 市', '旭川市')).toBe(true);
    expect(addressInMunicipality('北海道札幌市中央区北1条西2丁目', '旭川市')).toBe(false);
    expect(addressInMunicipality('北海道上川郡東川町', '旭川市')).toBe(false);
  });

  it('toHalfWidth turns full-width ASCII and the ideographic space into half-width', () => {
    expect(toHalfWidth('ＡＢ１２　－')).toBe('AB12 -');
  });
});
