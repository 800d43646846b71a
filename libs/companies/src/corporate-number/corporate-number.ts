/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the other twelve, as
 * the National Tax Agency defines it (法人番号の指定等に関する省令 第2条):
 *   check = 9 − (Σ_{n=1..12} P_n × Q_n mod 9), P_n the n-th digit counted from the right of the
 *   12-digit base, Q_n = 1 for odd n and 2 for even n.
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}
