/** Byte order mark: Excel opens a UTF-8 CSV as UTF-8 only when the file starts with it. */
export const CSV_BOM = '\uFEFF';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): a company
 * name "=HYPERLINK(…)" must reach the city's accountant as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as CSV for the city's accounting (RFC 4180: CRLF line ends, fields with a quote, comma or
 * line break quoted, quotes doubled), UTF-8 with a BOM so Excel opens it, each cell defused
 * against formula injection. Pure; the caller turns its values into strings.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(cell).join(',') + '\r\n').join('');
}
