import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CSV_COLUMNS } from '@hokenshitsu/consultations';
import { consultationCsv, consultationRows } from '../support/consultations-csv.js';
import { registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';

describe('consultations: counsellor pages', () => {
  let t: TestApp;
  let session: string;
  /** The session cookie plus the CSRF cookie, and the form token that goes with them. */
  let cookies: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    session = (await signedInAs(t, 'counsellor')).cookie;
    const res = await t.http.get('/consultations/new').set('Accept', HTML).set('Cookie', session).expect(200);
    const csrf = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='))!.split(';')[0]!;
    cookies = `${session}; ${csrf}`;
    token = /name="_csrf" value="([^"]+)"/.exec(res.text)![1]!;
  });
  afterAll(() => t.close());

  const page = (path: string) => t.http.get(path).set('Accept', HTML).set('Cookie', cookies);
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
    return body.toString();
  };
  const good = (ref: string): Record<string, string | string[]> => ({
    _csrf: token, held_on: '2026-11-04', client_ref: ref, employer_key: '株式会社ななかまど', industry: 'P', size_band: '50-99', age_band: '40-49',
    employment_type: 'non_regular', tenure_band: '1-3', channel: 'online', duration_min: '６０', themes: ['caregiving', 'health'], satisfaction: '5', memo: '',
  });

  it('shows the form with the code lists as labelled Japanese choices and today as the date', async () => {
    const res = await page('/consultations/new').expect(200);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('相談を記録する');
    expect(res.text).toContain('E: 製造業');
    expect(res.text).toMatch(/<input type="checkbox" id="themes-startup" name="themes" value="startup"> <label for="themes-startup">起業・独立<\/label>/);
    expect(res.text).toContain('パート・アルバイト・契約・派遣');
    expect(res.text).toMatch(/name="held_on" type="date" value="\d{4}-\d{2}-\d{2}"/);
    const en = await page('/consultations/new?lang=en').expect(200);
    expect(en.text).toContain('Manufacturing');
  });

  it('records a consultation from the form and finds it by client reference', async () => {
    const ref = `P-${randomUUID().slice(0, 6)}`;
    const res = await t.http.post('/consultations/new').set('Cookie', cookies).type('form').send(form(good(ref))).expect(303);
    expect(res.headers.location).toBe('/consultations?recorded=1');
    const notice = await page('/consultations?recorded=1').expect(200);
    expect(notice.text).toContain('相談を1件記録しました。');
    const list = await page(`/consultations?client=${ref}`).expect(200);
    expect(list.text).toContain(`<th scope="row">${ref}</th>`);
    expect(list.text).toMatch(/相談記録（1件中 1〜1件目）/);
    expect(list.text).toContain('介護と仕事の両立、心身の健康・更年期');
    expect(list.text).not.toContain('ななかまど');
  });

  it('shows every problem in Japanese beside its field, keeping what was typed', async () => {
    const res = await t.http.post('/consultations/new').set('Cookie', cookies).type('form')
      .send(form({ ...good('P-x'), held_on: '2026-02-30', themes: [], duration_min: '0' })).expect(422);
    expect(res.text).toContain('<title>エラー: 相談記録');
    expect(res.text).toContain('相談日を「2026-11-04」の形で、実在する日付で入力してください');
    expect(res.text).toContain('相談のテーマを1つ以上選んでください');
    expect(res.text).toContain('相談時間を1〜480の整数（分）で入力してください');
    expect(res.text).toContain('value="P-x"');
    const sized = await t.http.post('/consultations/new').set('Cookie', cookies).type('form').send(form({ ...good('P-y'), size_band: '' })).expect(422);
    expect(sized.text).toContain('勤務先の従業員数を選んでください');
  });

  it('refuses a form without its token (403) and a company manager (403)', async () => {
    const { _csrf, ...rest } = good('P-z');
    await t.http.post('/consultations/new').set('Cookie', cookies).type('form').send(form(rest)).expect(403);
    const staff = await signedInAs(t, 'city_staff');
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    const manager = await signedInAs(t, 'company_manager', company.id);
    await t.http.get('/consultations').set('Accept', HTML).set('Cookie', manager.cookie).expect(403);
    await page('/consultations').expect(200);
  });

  it('has a label for every text on every page, in both languages', async () => {
    const missing = /consultations\.(list|form|fields|hints|errors|import|columnHints)\.\w+/;
    for (const lang of ['ja', 'en']) {
      for (const path of ['/consultations', '/consultations/new', '/consultations/import']) {
        const res = await page(`${path}?lang=${lang}`).expect(200);
        expect({ path, lang, missing: missing.exec(res.text)?.[0] }).toEqual({ path, lang, missing: undefined });
      }
    }
    const refused = await t.http.post('/consultations/new').set('Cookie', `${cookies}; lang=en`).type('form').send(form({ _csrf: token })).expect(422);
    expect(refused.text).not.toMatch(missing);
    expect(refused.text).toContain('Choose at least one theme');
    const badFile = await t.http.post('/consultations/import').set('Cookie', `${cookies}; lang=en`).field('_csrf', token)
      .attach('file', Buffer.from('held_on,client_ref,industry\n'), { filename: 'x.csv', contentType: 'text/csv' }).expect(422);
    expect(badFile.text).not.toMatch(missing);
    expect(badFile.text).toContain('The file could not be imported');
  });

  describe('CSV upload', () => {
    const tag = () => `U${randomUUID().slice(0, 6)}`;
    const rows = (prefix: string, n: number) => [...consultationRows(n, { seed: 99 })].map((r, i) => ({ ...r, client_ref: `${prefix}-${i}` }));
    const upload = (csv: string, withToken = true) => {
      const req = t.http.post('/consultations/import').set('Cookie', cookies);
      if (withToken) req.field('_csrf', token);
      return req.attach('file', Buffer.from(csv), { filename: '相談記録.csv', contentType: 'text/csv' });
    };

    it('shows the upload form', async () => {
      const res = await page('/consultations/import').expect(200);
      expect(res.text).toContain('enctype="multipart/form-data"');
      expect(res.text).toContain('20 MBまで');
    });

    it('imports a file and says how many', async () => {
      const prefix = tag();
      const res = await upload(consultationCsv(rows(prefix, 12), { bom: true, eol: '\r\n' })).expect(303);
      expect(res.headers.location).toBe('/consultations?imported=12');
      const notice = await page('/consultations?imported=12').expect(200);
      expect(notice.text).toContain('CSVファイルから12件の相談を登録しました。');
      const list = await page(`/consultations?client=${prefix}-11`).expect(200);
      expect(list.text).toContain(`<th scope="row">${prefix}-11</th>`);
    });

    it('lists the bad lines of a refused file', async () => {
      const prefix = tag();
      const [a, b, c] = rows(prefix, 3);
      const res = await upload(consultationCsv([a!, { ...b!, industry: 'Z' }, { ...c!, held_on: '2026-13-01' }])).expect(422);
      expect(res.text).toContain('ファイルを取り込めませんでした（何も登録していません）。');
      expect(res.text).toMatch(/<tr data-line="3">\s*<th scope="row">3<\/th>\s*<td>industry<br>業種コード（A〜T）<\/td>/);
      expect(res.text).toContain('<tr data-line="4">');
      const list = await page(`/consultations?client=${prefix}-0`).expect(200);
      expect(list.text).not.toContain(`<th scope="row">${prefix}-0</th>`);
      expect(list.text).toContain('まだ記録がありません。');
    });

    it('asks for a file when none was chosen, and refuses an upload without its token', async () => {
      // What a browser sends for an empty file input: a file part with filename="".
      const boundary = '----hks' + randomUUID().replace(/-/g, '');
      const body = [
        `--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', token,
        `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename=""', 'Content-Type: application/octet-stream', '', '',
        `--${boundary}--`, '',
      ].join('\r\n');
      const none = await t.http.post('/consultations/import').set('Cookie', cookies)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body).expect(422);
      expect(none.text).toContain('CSVファイルを選んでください');
      await upload(consultationCsv(rows(tag(), 2)), false).expect(403);
    });

    it('shows the same file sent twice as a notice naming who imported it and when, in Japanese and in English', async () => {
      const prefix = tag();
      const csv = consultationCsv(rows(prefix, 3));
      await upload(csv).expect(303);
      const again = await upload(csv).expect(409);
      const [record] = await t.app.get(DataSource).query(
        `SELECT i.imported_at, u.email FROM consultation_imports i JOIN users u ON u.id = i.imported_by
          WHERE i.id = (SELECT import_id FROM consultations WHERE client_ref = $1)`, [`${prefix}-0`],
      );
      const when = `${new Date(record.imported_at.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
      expect(again.text).toContain('このファイルは取り込み済みです（何も登録していません）。');
      expect(again.text).toContain(`${when}（日本時間）に ${record.email} が取り込みました（3件）。`);
      const en = await t.http.post('/consultations/import').set('Cookie', `${cookies}; lang=en`).field('_csrf', token)
        .attach('file', Buffer.from(csv), { filename: 'again.csv', contentType: 'text/csv' }).expect(409);
      expect(en.text).toContain('This file was already imported (nothing was stored).');
      expect(en.text).toContain(`${record.email} imported it at ${when} (Japan time; 3 rows).`);
      const list = await page(`/consultations?client=${prefix}-0`).expect(200);
      expect(list.text).toMatch(/相談記録（1件中 1〜1件目）/);
    });

    it('lists repeated lines, offers to confirm them as new, and imports them when confirmed', async () => {
      const prefix = tag();
      const [a, b] = rows(prefix, 2);
      await upload(consultationCsv([a!])).expect(303);
      const csv = consultationCsv([b!, { ...a!, duration_min: '15' }]);
      const refused = await upload(csv).expect(422);
      expect(refused.text).toContain('保存済みの相談と重複する行があります（何も登録していません）。');
      expect(refused.text).toMatch(/<tr data-line="3" data-repeat="true">/);
      expect(refused.text).toContain('<label for="confirm_new">これらは新しい相談です（重複ではありません）</label>');
      expect(refused.text).toContain('同じファイルをもう一度選んで');
      const confirmed = await t.http.post('/consultations/import').set('Cookie', cookies).field('_csrf', token).field('confirm_new', 'true')
        .attach('file', Buffer.from(csv), { filename: '相談記録.csv', contentType: 'text/csv' }).expect(303);
      expect(confirmed.headers.location).toBe('/consultations?imported=2');
    });

    it('shows a bad code in the page\'s language, naming the allowed codes with their labels', async () => {
      const [a] = rows(tag(), 1);
      const csv = consultationCsv([{ ...a!, channel: 'fax' }]);
      const ja = await upload(csv).expect(422);
      expect(ja.text).toContain('channel（相談の方法）: この値は使えません。使える値: in_person（対面）、online（オンライン）、phone（電話）');
      expect(ja.text).not.toContain('channel must be one of');
      const en = await t.http.post('/consultations/import').set('Cookie', `${cookies}; lang=en`).field('_csrf', token)
        .attach('file', Buffer.from(csv), { filename: 'x.csv', contentType: 'text/csv' }).expect(422);
      expect(en.text).toContain('channel must be one of: in_person (In person), online (Online), phone (Phone)');
    });

    it('offers the template CSV and the code lists with both labels', async () => {
      const res = await page('/consultations/import').expect(200);
      expect(res.text).toContain('href="/consultations/import/template.csv"');
      expect(res.text).toContain('href="/consultations/import/codes"');
      const template = await page('/consultations/import/template.csv').expect(200);
      expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(template.text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
      for (const lang of ['ja', 'en']) {
        const codes = await page(`/consultations/import/codes?lang=${lang}`).expect(200);
        expect(codes.text).toMatch(/<tr><th scope="row"><code>in_person<\/code><\/th><td lang="ja">対面<\/td><td lang="en">In person<\/td><\/tr>/);
        expect(codes.text).toContain('<code>career_change</code>');
        expect(codes.text).not.toMatch(/consultations\.(codes|import|fields)\.\w+/);
      }
    });

    it('answers a file over the limit with a message on the page', async () => {
      const small = await startTestApp({ IMPORT_MAX_BYTES: String(16 * 1024) });
      try {
        const me = await signedInAs(small, 'counsellor');
        const first = await small.http.get('/consultations/import').set('Accept', HTML).set('Cookie', me.cookie).expect(200);
        const csrf = ([] as string[]).concat(first.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='))!.split(';')[0]!;
        const pageToken = /name="_csrf" value="([^"]+)"/.exec(first.text)![1]!;
        const csv = consultationCsv(rows(tag(), 1000), { columns: CSV_COLUMNS });
        const res = await small.http.post('/consultations/import').set('Cookie', `${me.cookie}; ${csrf}`).field('_csrf', pageToken)
          .attach('file', Buffer.from(csv), { filename: 'big.csv', contentType: 'text/csv' }).expect(413);
        expect(res.text).toContain('ファイルが大きすぎます');
      } finally {
        await small.close();
      }
    });
  });
});
