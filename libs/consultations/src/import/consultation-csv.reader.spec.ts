import { Readable } from 'node:stream';
import { readConsultationCsv, type CsvRecord } from './consultation-csv.reader.js';
import { CsvErrorList, CsvImportError } from './csv-import.error.js';

const HEADER = 'held_on,client_ref,industry,age_band,employment_type,tenure_band,channel,duration_min,themes';
const ROW = '2026-11-04,R-1,E,30-39,not_working,na,online,60,health';

async function read(text: string | Buffer, chunkSize = 7) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const errors = new CsvErrorList();
  const records: CsvRecord[] = [];
  for await (const r of readConsultationCsv(Readable.from(chunks), errors)) records.push(r);
  return { records, errors: errors.isEmpty ? [] : errors.toError().errors };
}

async function refusal(text: string): Promise<CsvImportError> {
  try {
    await read(text);
  } catch (error) {
    if (error instanceof CsvImportError) return error;
    throw error;
  }
  throw new Error('expected a CsvImportError');
}

describe('readConsultationCsv', () => {
  it('reads a BOM, CRLF, quoted commas and columns in any order, with physical line numbers', async () => {
    const text = '\uFEFFthemes,client_ref,held_on,industry,age_band,employment_type,tenure_band,channel,duration_min\r\n'
      + '"health;career_change","R,1",2026-11-04,E,30-39,not_working,na,online,60\r\n'
      + '\r\n'
      + 'health,"multi\r\nline",2026-11-05,E,30-39,not_working,na,online,60\r\n'
      + 'health,R-3,2026-11-06,E,30-39,not_working,na,online,60\r\n';
    const { records, errors } = await read(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([2, 4, 6]);
    expect(records[0]!.row).toMatchObject({ client_ref: 'R,1', themes: 'health;career_change', held_on: '2026-11-04' });
    expect(records[1]!.row.client_ref).toBe('multi\nline');
  });

  it('reads a file whose last line has no line break', async () => {
    const { records } = await read(`${HEADER}\n${ROW}\n${ROW}`);
    expect(records.map((r) => r.line)).toEqual([2, 3]);
  });

  it('skips a spreadsheet\'s empty trailing rows', async () => {
    const { records, errors } = await read(`${HEADER}\n${ROW}\n,,,,,,,,\n`);
    expect(records).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('reports a row with the wrong number of fields and goes on', async () => {
    const { records, errors } = await read(`${HEADER}\n${ROW},extra\n${ROW}\n`);
    expect(records.map((r) => r.line)).toEqual([3]);
    expect(errors).toEqual([{ line: 2, column: null, message: 'this line has 10 fields but the header has 9' }]);
  });

  it('names a missing required column and an unknown one on line 1', async () => {
    const e = await refusal('held_on,client_ref,industry,age_band,employment_type,tenure_band,channel,themes,employer_name\n');
    expect(e.errors).toEqual([
      { line: 1, column: 'employer_name', message: expect.stringMatching(/^unknown column/) },
      { line: 1, column: 'duration_min', message: 'required column duration_min is missing' },
    ]);
  });

  it('does not echo a first row that is data rather than a header', async () => {
    const e = await refusal(`${ROW}\n${ROW}\n`);
    expect(e.errors).toHaveLength(1);
    expect(JSON.stringify(e.errors)).not.toContain('R-1');
  });

  it('refuses an empty file', async () => {
    expect((await refusal('')).message).toBe('the file has no rows');
    expect((await refusal('\uFEFF\r\n\r\n')).message).toBe('the file has no rows');
  });

  it('reports text that is not UTF-8 (a Shift_JIS file) by column', async () => {
    const sjis = Buffer.concat([Buffer.from(`${HEADER}\n2026-11-04,`), Buffer.from([0x82, 0xa0, 0x82, 0xa2]), Buffer.from(',E,30-39,not_working,na,online,60,health\n')]);
    const { records, errors } = await read(sjis);
    expect(records).toEqual([]);
    expect(errors).toEqual([{ line: 2, column: 'client_ref', message: expect.stringContaining('UTF-8') }]);
  });

  it('stops at malformed quoting without quoting the field', async () => {
    const { records, errors } = await read(`${HEADER}\n${ROW}\n2026-11-04,R"SECRET,E,30-39,not_working,na,online,60,health\n${ROW}\n`);
    expect(records.map((r) => r.line)).toEqual([2]);
    expect(errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/quote/) }]);
    expect(errors[0]!.message).not.toContain('SECRET');
  });

  it('refuses an unclosed quote at the line it opens, without buffering the rest', async () => {
    const { errors } = await read(`${HEADER}\n${ROW}\n2026-11-04,"R-2,E,30-39\n${ROW}\n`);
    expect(errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/never closed/) }]);
    const long = await read(`${HEADER}\n${ROW}\n2026-11-04,"${'x\n'.repeat(40000)}`, 65536);
    expect(long.errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/longer than/) }]);
  });
});

it('fails at once for a source that failed before reading began', async () => {
  const source = new Readable({ read() {} });
  source.on('error', () => undefined); // as the upload's own listeners do
  source.destroy(new Error('too large'));
  await new Promise((r) => setImmediate(r));
  const reading = readConsultationCsv(source, new CsvErrorList());
  await expect(reading.next()).rejects.toThrow('too large');
});

describe('CsvErrorList', () => {
  it('keeps at most the cap, counts all and says how many more', () => {
    const list = new CsvErrorList(3);
    for (let line = 2; line < 7; line++) {
      list.add(line, 'industry', 'bad');
      list.add(line, 'age_band', 'bad');
    }
    const error = list.toError();
    expect(error.errors).toHaveLength(3);
    expect(error.message).toBe('5 lines have problems: nothing was imported; the first 3 of 10 errors are listed, 7 more are not');
    expect(error.status).toBe(422);
  });
});
