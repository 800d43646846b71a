import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number.js';

describe('corporate number (法人番号) check digit', () => {
  it('accepts numbers the National Tax Agency published', () => {
    // 国税庁 (the National Tax Agency itself)
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    // sum mod 9 = 0 gives the check digit 9
    expect(isValidCorporateNumber('9000020012041')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500021')).toBe(false);
    expect(isValidCorporateNumber('700001205000a')).toBe(false);
  });

  it('computes the digit from the twelve-digit base', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
  });
});
