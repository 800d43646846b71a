import { parse, type CsvError, type Options, type Parser } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, type CsvColumn } from '../consultations/consultation.js';
import type { RawRow } from '../consultations/consultation-row.validator.js';
import type { Bilingual } from '../consultations/consultation-messages.js';
import { CsvImportError, type CsvErrorList, type CsvLineProblem } from './csv-import.error.js';

export interface CsvRecord {
  /** Physical line the record starts on (header = 1). */
  line: number;
  row: RawRow;
}

/** A record longer than this is refused, so one unclosed quote cannot buffer the whole file. */
const MAX_RECORD_CHARS = 64 * 1024;
const CR = 0x0d;
const CRLF = Buffer.from('\r\n');

/**
 * CRLF → LF before parsing. csv-parse counts a CRLF inside a quoted field as two lines, which would
 * shift every later line number; after this, its count is the physical line.
 */
function crlfToLf(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let buf = heldCr ? Buffer.concat([Buffer.of(CR), chunk]) : chunk;
      heldCr = buf.length > 0 && buf[buf.length - 1] === CR;
      if (heldCr) buf = buf.subarray(0, buf.length - 1);
      let at = buf.indexOf(CRLF);
      if (at === -1) return done(null, buf);
      const parts: Buffer[] = [];
      let from = 0;
      while (at !== -1) {
        parts.push(buf.subarray(from, at));
        from = at + 1; // keep the LF
        at = buf.indexOf(CRLF, from);
      }
      parts.push(buf.subarray(from));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, heldCr ? Buffer.of(CR) : undefined);
    },
  });
}

/** csv-parse's own messages quote the field's content: say what is wrong without it (English, Japanese). */
function malformedMessage(error: CsvError): Bilingual {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { en: 'a quoted field starting on this line is never closed', ja: 'この行で始まる " で囲んだ項目が閉じられていません' };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        en: `the record starting on this line is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`,
        ja: `この行で始まる行が${MAX_RECORD_CHARS}文字を超えています（" の閉じ忘れではありませんか）`,
      };
    case 'INVALID_OPENING_QUOTE':
      return {
        en: 'a quote (") appears inside an unquoted field: quote the whole field and double the quote ("")',
        ja: '" で囲んでいない項目の中に " があります。項目全体を " で囲み、中の " は "" と2つ重ねてください',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        en: 'a closing quote (") is followed by more text: double a quote inside a quoted field ("")',
        ja: '閉じる " の後に文字が続いています。" で囲んだ項目の中の " は "" と2つ重ねてください',
      };
    default:
      return { en: 'the CSV is malformed here', ja: 'この行のCSVの書き方に誤りがあります' };
  }
}

const KNOWN = new Set<string>(CSV_COLUMNS);

interface RecordInfo {
  /** Records parsed so far, this one included (the header is record 1). */
  records: number;
  /** The line this record ends on. */
  lines: number;
  empty_lines: number;
}

interface Broken {
  exactLine: number | null;
  message: Bilingual;
  afterRecords: number;
  emptyLines: number;
}

const line1 = (column: string | null, en: string, ja: string): CsvLineProblem => ({ line: 1, column, message: en, en, ja });

/** Maps header names to column positions, or throws a 422 naming every header problem (line 1). */
function readHeader(fields: string[]): (CsvColumn | null)[] {
  const names = fields.map((f) => f.trim().toLowerCase());
  const errors: CsvLineProblem[] = [];
  if (!names.some((n) => KNOWN.has(n))) {
    // No column name at all: probably a file without a header; its first row is data, never echoed.
    const columns = `${REQUIRED_CSV_COLUMNS.join(', ')}, ...`;
    throw new CsvImportError('line 1 must be the header row', [
      line1(null, `line 1 must be the header row naming the columns (${columns})`, `1行目は列名の行にしてください（${columns}）。テンプレートCSVの1行目を使えます。`),
    ], '1行目が列名の行ではありません。何も登録していません。');
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') errors.push(line1(null, `column ${i + 1} has no name`, `${i + 1}列目に列名がありません。`));
    else if (!KNOWN.has(name)) {
      errors.push(line1(name.slice(0, 64), `unknown column (the columns are ${CSV_COLUMNS.join(', ')})`, `知らない列名です（使える列名: ${CSV_COLUMNS.join(', ')}）。`));
    } else if (seen.has(name)) errors.push(line1(name, 'column appears twice', '同じ列名が2回あります。'));
    seen.add(name);
  });
  for (const required of REQUIRED_CSV_COLUMNS) {
    if (!seen.has(required)) errors.push(line1(required, `required column ${required} is missing`, `必須の列 ${required} がありません。`));
  }
  if (errors.length) {
    throw new CsvImportError(
      `the header row has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}: nothing was imported`,
      errors,
      '1行目（列名）に誤りがあります。何も登録していません。',
    );
  }
  return names.map((n) => (KNOWN.has(n) ? (n as CsvColumn) : null));
}

/**
 * Reads a consultation CSV as it streams: yields each data record with its line number, reporting
 * structural problems (field count, not UTF-8, malformed quoting) to `errors` instead. A bad header
 * or an empty file throws at once. Backpressure: the source is read only as fast as records are
 * consumed, so memory stays flat.
 */
export async function* readConsultationCsv(source: Readable, errors: CsvErrorList): AsyncGenerator<CsvRecord> {
  // Malformed quoting breaks every later record: note the first such problem and read no further
  // than the records parsed before it.
  const state: { broken: Broken | null } = { broken: null };
  const parser: Parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (state.broken || !error) return;
      const reported = (error as CsvError & { lines?: number }).lines;
      const exact = (error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') && typeof reported === 'number';
      state.broken = {
        exactLine: exact ? reported : null,
        message: said(malformedMessage(error)),
        afterRecords: parser.info.records,
        emptyLines: parser.info.empty_lines,
      };
    },
  } as Options);
  // A source that failed before reading began (an upload over the limit while the page's guards
  // ran) will not emit its error again.
  if (source.errored) throw source.errored;
  const normaliser = crlfToLf();
  source.on('error', (error) => parser.destroy(error));
  normaliser.on('error', (error) => parser.destroy(error));
  source.pipe(normaliser).pipe(parser);

  let columns: (CsvColumn | null)[] | null = null;
  let last: RecordInfo = { records: 0, lines: 0, empty_lines: 0 };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: RecordInfo }>) {
    if (state.broken && info.records > state.broken.afterRecords) break;
    last = info;
    const innerBreaks = record.reduce((n, f) => n + (f.includes('\n') ? f.split('\n').length - 1 : 0), 0);
    const line = info.lines - innerBreaks;
    if (columns === null) {
      columns = readHeader(record);
      continue;
    }
    if (record.every((f) => f.trim() === '')) continue; // a spreadsheet's trailing ",,,," line
    if (record.length !== columns.length) {
      const en = `this line has ${record.length} fields but the header has ${columns.length}`;
      errors.add(line, null, en, { en, ja: `この行の項目は${record.length}個ですが、1行目（列名）は${columns.length}個です。` });
      continue;
    }
    const row: RawRow = {};
    let decodable = true;
    for (let i = 0; i < record.length; i++) {
      const column = columns[i];
      if (!column) continue;
      const value = record[i]!;
      if (value.includes('\uFFFD')) {
        decodable = false;
        const en = 'is not UTF-8 text: save the file as "CSV UTF-8"';
        errors.add(line, column, en, { en, ja: 'UTF-8の文字ではありません。Excelでは「CSV UTF-8」で保存してください。' });
      }
      row[column] = value;
    }
    if (decodable) yield { line, row };
  }
  if (state.broken) {
    const { exactLine, message, emptyLines } = state.broken;
    // The broken record starts after the last good one and the blank lines that followed it.
    const line = exactLine ?? last.lines + 1 + (emptyLines - last.empty_lines);
    if (columns === null) {
      throw new CsvImportError('the header row is malformed', [{ line, column: null, message: message.en, ...message }], '1行目（列名）の書き方に誤りがあります。何も登録していません。');
    }
    errors.add(line, null, message.en, message);
    return;
  }
  if (columns === null) throw noRows(1);
}

/** Lines after a malformed one are not read: say so in both languages. */
function said(text: Bilingual): Bilingual {
  return { en: `${text.en}; lines after it were not checked`, ja: `${text.ja}。これより後の行は確認していません。` };
}

/** An empty file, or a header without rows. */
export function noRows(line: number): CsvImportError {
  const en = 'the file has no rows';
  const ja = 'ファイルに相談の行がありません。';
  return new CsvImportError(en, [{ line, column: null, message: en, en, ja }], `${ja}何も登録していません。`);
}
