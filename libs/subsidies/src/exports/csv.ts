/**
 * CSV for the city's accounting, as Excel on a city PC opens it: UTF-8 with a BOM (without it Excel
 * reads Shift_JIS and the Japanese turns to noise), CRLF, RFC 4180 quoting. A cell that starts
 * like a formula (= + - @ tab CR) gets a leading apostrophe: a company's name must never run as a
 * formula on a clerk's machine (CSV injection).
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | bigint | boolean | null | undefined)[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
