/**
 * Reading urlencoded form bodies: every value is a string (a repeated name gives an array), and
 * people type full-width digits. These turn what was typed into what the API's DTO expects, and
 * leave anything else as typed so the DTO refuses it with the field's own message.
 */

/** A form field as a string: urlencoded bodies give strings, but a repeated name gives an array. */
export function field(body: Record<string, unknown> | undefined, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** Full-width digits and separators ("１２３-４５", "1,234") read as ASCII digits. */
export function asciiDigits(value: string): string {
  return value.normalize('NFKC').replace(/[\s,-]/g, '');
}

/** "42" or "４２" (up to maxDigits digits) as a number; anything else stays for the DTO to refuse. */
export function wholeNumber(value: string, maxDigits = 9): number | string {
  const digits = value.normalize('NFKC').trim();
  return new RegExp(`^\\d{1,${maxDigits}}$`).test(digits) ? Number(digits) : digits;
}

/** "0.5" or "０．５": a decimal number; anything else stays for the DTO to refuse. */
export function decimal(value: string): number | string {
  const text = value.normalize('NFKC').trim();
  return /^\d{1,3}(\.\d{1,6})?$/.test(text) ? Number(text) : text;
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
