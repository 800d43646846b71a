import { CSV_COLUMNS, type CsvColumn } from '../consultations/consultation.js';
import { csvField } from '../export/csv-export.service.js';

/** The template's example row: every column filled, valid, and plainly an example. */
export const TEMPLATE_EXAMPLE: Record<CsvColumn, string> = {
  held_on: '2026-11-04',
  client_ref: 'R-0001',
  employer_key: '株式会社あさひかわ製作所',
  industry: 'E',
  size_band: '20-49',
  age_band: '30-39',
  employment_type: 'regular',
  tenure_band: '3-10',
  channel: 'in_person',
  duration_min: '60',
  themes: 'career_change;health',
  satisfaction: '4',
};

export const TEMPLATE_FILE_NAME = 'consultations-template.csv';

/**
 * The import's template: the header row and one example row, CRLF, UTF-8 with a BOM so that Excel
 * (which counsellors fill it in) reads the Japanese correctly. The importer reads it as it is.
 */
export function importTemplateCsv(): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n${CSV_COLUMNS.map((c) => csvField(TEMPLATE_EXAMPLE[c])).join(',')}\r\n`;
}
