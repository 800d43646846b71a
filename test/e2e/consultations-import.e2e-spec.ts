import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CSV_COLUMNS, employerHmacOf } from '@hokenshitsu/consultations';
import { postStream } from '../support/consultations-api.js';
import { consultationCsv, consultationRows, csvLine } from '../support/consultations-csv.js';
import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const REQUIRED = ['held_on', 'client_ref', 'industry', 'age_band', 'employment_type', 'tenure_band', 'channel', 'duration_min', 'themes'];

describe('consultations: CSV import', () => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;
  let me: { id: string; email: string };
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const counsellor = await signedInAs(t, 'counsellor');
    cookie = counsellor.cookie;
    me = { id: counsellor.id, email: counsellor.email };
  });
  afterAll(() => t.close());

  /** A tag in every client_ref of one test's file, to count what that file stored. */
  const tagged = () => `T${randomUUID().slice(0, 8)}`;
  const stored = async (tag: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM consultations WHERE client_ref LIKE $1`, [`${tag}%`]))[0].n as number;
  const rows = (tag: string, n: number, seed = 7) =>
    [...consultationRows(n, { seed })].map((r, i) => ({ ...r, client_ref: `${tag}-${i}` }));
  const importCsv = (body: string | Buffer, type = 'text/csv') =>
    t.http.post('/api/v1/consultations/import').set('Cookie', cookie).set('Content-Type', type).send(body);

  it('imports a file with a BOM, CRLF, quoted commas and columns in any order', async () => {
    const tag = tagged();
    const columns = [...CSV_COLUMNS].reverse();
    const [a, b, c] = rows(tag, 3);
    const text = consultationCsv(
      [{ ...a!, client_ref: `${tag},quoted`, employer_key: '株式会社Ａ' }, { ...b!, employer_key: ' 株式会社A ' }, c!],
      { columns, eol: '\r\n', bom: true },
    );
    const res = await importCsv(text).expect(201);
    expect(res.body).toEqual({ imported: 3, import_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const saved: { client_ref: string; employer_hmac: string | null; import_id: string }[] = await db.query(
      'SELECT client_ref, employer_hmac, import_id FROM consultations WHERE import_id = $1 ORDER BY client_ref', [res.body.import_id],
    );
    expect(saved.map((s) => s.client_ref)).toEqual([`${tag},quoted`, `${tag}-1`, `${tag}-2`].sort());
    const hmacA = employerHmacOf(t.config.employerHmacKey, '株式会社A');
    expect(saved.filter((s) => s.employer_hmac === hmacA)).toHaveLength(2);
  });

  it('takes the file as multipart/form-data field "file"', async () => {
    const tag = tagged();
    const res = await t.http.post('/api/v1/consultations/import').set('Cookie', cookie)
      .field('note', 'ignored').attach('file', Buffer.from(consultationCsv(rows(tag, 5))), { filename: 'soudan.csv', contentType: 'text/csv' })
      .expect(201);
    expect(res.body.imported).toBe(5);
    expect(await stored(tag)).toBe(5);
  });

  it('refuses a form without the file (400) and a JSON body (415)', async () => {
    const res = await t.http.post('/api/v1/consultations/import').set('Cookie', cookie).field('other', 'x').expect(400);
    expect(res.body.message).toMatch(/"file"/);
    await t.http.post('/api/v1/consultations/import').set('Cookie', cookie).send({ csv: 'x' }).expect(415);
    await importCsv('held_on\n', 'text/plain').expect(415);
  });

  it('lists every bad row by line and column, and stores nothing', async () => {
    const tag = tagged();
    const [r1, r2, r3, r4, r5, r6] = rows(tag, 6);
    const text = consultationCsv([
      r1!,
      { ...r2!, industry: 'Z' }, // line 3
      { ...r3!, held_on: '2026-02-30' }, // line 4
      r4!,
      { ...r5!, age_band: '35', held_on: '2026/01/01' }, // line 6
      { ...r6!, employment_type: 'regular', size_band: '' }, // line 7
    ]);
    const res = await importCsv(text).expect(422);
    expect(res.body.error).toBe('unprocessable');
    expect(res.body.message).toBe('4 lines have problems: nothing was imported');
    expect(res.body.errors).toEqual([
      { line: 3, column: 'industry', message: 'industry must be a JSIC division code (A–T)' },
      { line: 4, column: 'held_on', message: 'held_on must be a real date written YYYY-MM-DD' },
      { line: 6, column: 'held_on', message: 'held_on must be a real date written YYYY-MM-DD' },
      { line: 6, column: 'age_band', message: expect.stringMatching(/^age_band must be one of/) },
      { line: 7, column: 'size_band', message: 'size_band is required when employment_type is regular or non_regular' },
    ]);
    expect(await stored(tag)).toBe(0);
  });

  it('counts physical lines across quoted line breaks, blank lines and CRLF', async () => {
    const tag = tagged();
    const [r1, r2] = rows(tag, 2);
    const text = consultationCsv([{ ...r1!, client_ref: `${tag}\r\nsplit` }], { eol: '\r\n' }) + '\r\n' + csvLine({ ...r2!, channel: 'fax' }, CSV_COLUMNS, '\r\n');
    const res = await importCsv(text).expect(422);
    // line 2–3: the quoted break (a control character, refused); line 4: blank; line 5: the bad channel.
    expect(res.body.errors).toEqual([
      { line: 2, column: 'client_ref', message: expect.stringMatching(/control characters/) },
      { line: 5, column: 'channel', message: expect.stringMatching(/^channel must be one of/) },
    ]);
  });

  it('rolls back batches already written when a bad row comes late', async () => {
    const tag = tagged();
    const good = rows(tag, 4500);
    const text = consultationCsv([...good, { ...good[0]!, duration_min: '999' }]);
    const res = await importCsv(text).expect(422);
    expect(res.body.errors).toEqual([{ line: 4502, column: 'duration_min', message: expect.stringMatching(/1 to 480/) }]);
    expect(await stored(tag)).toBe(0);
  });

  it('caps the error list at 1000 entries and says how many more there are', async () => {
    const tag = tagged();
    const bad = rows(tag, 1200).map((r) => ({ ...r, channel: 'fax' }));
    const res = await importCsv(consultationCsv(bad)).expect(422);
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors[999]).toEqual({ line: 1001, column: 'channel', message: expect.any(String) });
    expect(res.body.message).toBe('1200 lines have problems: nothing was imported; the first 1000 of 1200 errors are listed, 200 more are not');
  });

  it('names missing required columns and unknown columns on line 1', async () => {
    const tag = tagged();
    const columns = CSV_COLUMNS.filter((c) => c !== 'industry' && c !== 'themes');
    const missing = await importCsv(consultationCsv(rows(tag, 2), { columns })).expect(422);
    expect(missing.body.errors).toEqual([
      { line: 1, column: 'industry', message: 'required column industry is missing' },
      { line: 1, column: 'themes', message: 'required column themes is missing' },
    ]);
    const unknown = await importCsv(consultationCsv(rows(tag, 2), { columns: [...CSV_COLUMNS, 'memo'] })).expect(422);
    expect(unknown.body.errors).toEqual([{ line: 1, column: 'memo', message: expect.stringMatching(/^unknown column/) }]);
    expect(await stored(tag)).toBe(0);
  });

  it('accepts a file without the optional columns when no row needs them', async () => {
    const tag = tagged();
    const text = consultationCsv([{ held_on: '2026-05-01', client_ref: `${tag}-1`, industry: 'P', age_band: '40-49', employment_type: 'not_working', tenure_band: 'na', channel: 'phone', duration_min: '30', themes: 'return_to_work' }], { columns: REQUIRED });
    const res = await importCsv(text).expect(201);
    expect(res.body.imported).toBe(1);
    expect(await stored(tag)).toBe(1);
  });

  it('refuses an empty file and a header without rows', async () => {
    for (const body of ['', '\uFEFF', `${CSV_COLUMNS.join(',')}\r\n`, `${CSV_COLUMNS.join(',')}\n\n,,,,,,,,,,,\n`]) {
      const res = await importCsv(body).expect(422);
      expect(res.body.message).toBe('the file has no rows');
    }
  });

  it('reports malformed quoting without echoing the field', async () => {
    const tag = tagged();
    const [r1, r2] = rows(tag, 2);
    const text = consultationCsv([r1!]) + `2026-05-01,${tag}"SECRET,,P,,40-49,not_working,na,phone,30,health,\n` + csvLine(r2!, CSV_COLUMNS);
    const res = await importCsv(text).expect(422);
    expect(res.body.errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/quote/) }]);
    expect(JSON.stringify(res.body)).not.toContain('SECRET');
    expect(await stored(tag)).toBe(0);
  });

  it('never echoes client_ref or employer_key values in row errors', async () => {
    const tag = tagged();
    const [r1] = rows(tag, 1);
    const res = await importCsv(consultationCsv([{ ...r1!, client_ref: `${tag}-SECRETREF-${'x'.repeat(64)}`, employer_key: `ひみつ${'商'.repeat(250)}` }])).expect(422);
    expect(res.body.errors.map((e: { column: string }) => e.column)).toEqual(['client_ref', 'employer_key']);
    expect(JSON.stringify(res.body)).not.toMatch(/SECRETREF|ひみつ/);
  });

  it('refuses a 50 MB body with 413 before reading it', async () => {
    const body = Buffer.alloc(50 * 1024 * 1024, 'a');
    const res = await importCsv(body).expect(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', message: expect.stringMatching(/larger than the limit of 20 MiB/) });
  });

  it('counts the bytes of a chunked body and stops at the limit (413), storing nothing', async () => {
    const small = await startTestApp({ IMPORT_MAX_BYTES: String(64 * 1024) });
    try {
      const staff = await signedInAs(small, 'city_staff');
      const tag = tagged();
      const text = consultationCsv(rows(tag, 3000)); // ~300 KB, sent without Content-Length
      expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024 * 4);
      const chunks = Readable.from((function* () {
        for (let i = 0; i < text.length; i += 8192) yield Buffer.from(text.slice(i, i + 8192));
      })());
      const res = await postStream(small, '/api/v1/consultations/import', { Cookie: staff.cookie, 'Content-Type': 'text/csv' }, chunks);
      expect(res.status).toBe(413);
      expect(res.body.message).toMatch(/64 KiB/);
      expect(await stored(tag)).toBe(0);
      // The connection stays usable: the next import on the same app works.
      const ok = await small.http.post('/api/v1/consultations/import').set('Cookie', staff.cookie).set('Content-Type', 'text/csv')
        .send(consultationCsv(rows(tag, 10))).expect(201);
      expect(ok.body.imported).toBe(10);
    } finally {
      await small.close();
    }
  });

  it('rolls back and frees its connection when the client goes away mid-upload', async () => {
    const own = await startTestApp();
    try {
      const staff = await signedInAs(own, 'counsellor');
      const pool = (own.app.get(DataSource).driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
      const tag = tagged();
      const text = consultationCsv(rows(tag, 6000)); // past the first batch, so a transaction is open
      const req = http.request(`${own.url}/api/v1/consultations/import`, {
        method: 'POST',
        headers: { Cookie: staff.cookie, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
      });
      req.on('error', () => undefined);
      req.write(text.slice(0, Math.floor(text.length * 0.8)));
      await waitFor(async () => pool.totalCount > pool.idleCount); // the import holds a connection
      req.destroy();
      await waitFor(async () => pool.totalCount === pool.idleCount);
      expect(await stored(tag)).toBe(0);
    } finally {
      await own.close();
    }
  });

  describe('the same file twice, repeated rows, messages in two languages', () => {
    const tokyo = (d: Date) => `${new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
    const importWith = (body: string, query = '') =>
      t.http.post(`/api/v1/consultations/import${query}`).set('Cookie', cookie).set('Content-Type', 'text/csv').send(body);

    it('refuses the same file twice (409) naming the earlier import, when and by whom, and stores nothing more', async () => {
      const tag = tagged();
      const text = consultationCsv(rows(tag, 4));
      const first = await importCsv(text).expect(201);
      const again = await importCsv(text).expect(409);
      const [record] = await db.query('SELECT imported_at, row_count, sha256 FROM consultation_imports WHERE id = $1', [first.body.import_id]);
      expect(record.row_count).toBe(4);
      expect(record.sha256).toBe(createHash('sha256').update(text).digest('hex'));
      const when = tokyo(record.imported_at);
      expect(again.body).toMatchObject({
        statusCode: 409,
        error: 'conflict',
        fields: [{ field: 'file', message: again.body.message }],
        earlier_import: { id: first.body.import_id, imported_at: when, imported_by: { id: me.id, email: me.email }, row_count: 4 },
      });
      expect(again.body.message).toContain(`already imported at ${when} by ${me.email}`);
      expect(again.body.message_ja).toContain(`${when}（日本時間）に ${me.email} が取り込み済みです`);
      expect(await stored(tag)).toBe(4);
      // The same bytes as a form with another file name, by another counsellor, confirmed new: still the same file.
      const other = await signedInAs(t, 'counsellor');
      const form = await t.http.post('/api/v1/consultations/import?confirm_new=true').set('Cookie', other.cookie)
        .attach('file', Buffer.from(text), { filename: 'copy.csv', contentType: 'text/csv' }).expect(409);
      expect(form.body.earlier_import.imported_by.email).toBe(me.email);
      expect(await stored(tag)).toBe(4);
    });

    it('refuses rows repeating a stored consultation by line (422) until confirmed new, then stores them', async () => {
      const tag = tagged();
      const [a, b, c, d] = rows(tag, 4);
      await importCsv(consultationCsv([a!, b!])).expect(201);
      // b again, its themes in another order and another length: still the same client, day, channel and themes.
      const bAgain = { ...b!, themes: b!.themes.split(';').reverse().join(';'), duration_min: '15' };
      const text = consultationCsv([c!, bAgain, d!]);
      const refused = await importWith(text).expect(422);
      expect(refused.body.errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/^this row repeats a stored consultation/) }]);
      expect(refused.body.repeated_lines).toEqual([3]);
      expect(refused.body.errors_i18n).toEqual([{ line: 3, column: null, ja: expect.stringContaining('これらは新しい相談です（重複ではありません）'), en: refused.body.errors[0].message }]);
      expect(refused.body.message_ja).toBe('1行が保存済みの相談と重複しています。何も登録していません。');
      expect(await stored(tag)).toBe(2);

      const confirmed = await importWith(text, '?confirm_new=true').expect(201);
      expect(confirmed.body.imported).toBe(3);
      expect(await stored(tag)).toBe(5);
      await importWith(consultationCsv([c!]), '?confirm_new=maybe').expect(400);
    });

    it('finds a repeat of an earlier line of the same file, across batches, and takes confirm_new as a form field', async () => {
      const tag = tagged();
      const many = rows(tag, 2100);
      const text = consultationCsv([...many, { ...many[0]! }, many[5]!]);
      const refused = await importWith(text).expect(422);
      expect(refused.body.repeated_lines).toEqual([2102, 2103]);
      expect(await stored(tag)).toBe(0);
      const form = await t.http.post('/api/v1/consultations/import').set('Cookie', cookie).field('confirm_new', 'true')
        .attach('file', Buffer.from(text), { filename: 'twice.csv', contentType: 'text/csv' }).expect(201);
      expect(form.body.imported).toBe(2102);
      const [record] = await db.query('SELECT file_name FROM consultation_imports WHERE id = $1', [form.body.import_id]);
      expect(record.file_name).toBe('twice.csv');
    });

    it('stores nothing when a bad row is among repeats, confirmed or not, and lists both', async () => {
      const tag = tagged();
      const [a, b, c] = rows(tag, 3);
      await importCsv(consultationCsv([a!])).expect(201);
      const text = consultationCsv([a!, { ...b!, channel: 'phone_x' }, c!]);
      const refused = await importWith(text).expect(422);
      expect(refused.body.errors).toEqual([
        { line: 2, column: null, message: expect.stringMatching(/repeats a stored consultation/) },
        { line: 3, column: 'channel', message: expect.stringMatching(/^channel must be one of/) },
      ]);
      expect(refused.body.message).toBe('2 lines have problems: nothing was imported');
      const confirmed = await importWith(text, '?confirm_new=true').expect(422);
      expect(confirmed.body.errors).toEqual([{ line: 3, column: 'channel', message: expect.any(String) }]);
      expect(await stored(tag)).toBe(1);
    });

    it('says in Japanese and English which codes a column allows, with their labels, without echoing the value', async () => {
      const tag = tagged();
      const [a] = rows(tag, 1);
      const res = await importWith(consultationCsv([{ ...a!, channel: 'phone_x', industry: 'Z' }])).expect(422);
      const channel = res.body.errors_i18n.find((e: { column: string }) => e.column === 'channel');
      expect(channel.ja).toBe(
        'channel（相談の方法）: この値は使えません。使える値: in_person（対面）、online（オンライン）、phone（電話）、web_form（Web相談フォーム）、branch_booth（支所ブース）',
      );
      expect(channel.en).toBe('channel must be one of: in_person (In person), online (Online), phone (Phone), web_form (Web consultation form), branch_booth (Branch office booth)');
      const industry = res.body.errors_i18n.find((e: { column: string }) => e.column === 'industry');
      expect(industry.ja).toContain('A（農業，林業）');
      expect(industry.ja).toContain('T（分類不能の産業）');
      expect(industry.en).toContain('E (Manufacturing)');
      expect(res.body.message_ja).toBe('1行に誤りがあります。何も登録していません。');
      expect(JSON.stringify(res.body)).not.toContain('phone_x');
      expect(res.body.errors_i18n.map((e: { line: number; column: string }) => [e.line, e.column]))
        .toEqual(res.body.errors.map((e: { line: number; column: string }) => [e.line, e.column]));
      // The header's problems too.
      const header = await importWith('held_on,client_ref\n2026-01-01,x\n').expect(422);
      expect(header.body.errors_i18n[0].ja).toMatch(/必須の列 industry がありません/);
    });

    it('offers a template CSV that the importer reads as it is (UTF-8 with a BOM)', async () => {
      const res = await t.http.get('/api/v1/consultations/import/template').set('Cookie', cookie).buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="consultations-template.csv"');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines[1]).toContain('株式会社あさひかわ製作所');
      expect(lines).toHaveLength(3);
      const imported = await importCsv(bytes).expect(201);
      expect(imported.body.imported).toBe(1);
      const [row] = await db.query('SELECT client_ref, held_on::text AS held_on, themes FROM consultations WHERE import_id = $1', [imported.body.import_id]);
      expect(row).toEqual({ client_ref: 'R-0001', held_on: '2026-11-04', themes: ['career_change', 'health'] });
      await importCsv(bytes).expect(409);
    });

    it('names the export by its dates: the range asked for, an open end by the data, nothing as all-<today>', async () => {
      const tag = tagged();
      const [a, b] = rows(tag, 2);
      await importCsv(consultationCsv([{ ...a!, held_on: '1901-07-10' }, { ...b!, held_on: '1901-03-02' }])).expect(201);
      const name = async (query: string) =>
        (await t.http.get(`/api/v1/consultations/export${query}`).set('Cookie', cookie).expect(200)).headers['content-disposition'];
      expect(await name('?to=1901-12-31')).toBe('attachment; filename="consultations-1901-03-02-1901-12-31.csv"');
      expect(await name('?from=1901-01-01&to=1901-12-31')).toBe('attachment; filename="consultations-1901-01-01-1901-12-31.csv"');
      expect(await name('?to=1900-06-30')).toBe('attachment; filename="consultations-all-1900-06-30.csv"');
      const all = await name('');
      expect(all).toMatch(/^attachment; filename="consultations-1901-03-02-\d{4}-\d{2}-\d{2}\.csv"$/);
      const [{ last }] = await db.query('SELECT max(held_on)::text AS last FROM consultations');
      expect(all <= `attachment; filename="consultations-1901-03-02-${last}.csv"`).toBe(true);
      expect(all).not.toMatch(/start|end/);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
