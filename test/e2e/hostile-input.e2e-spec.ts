import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { consultationBody, isolatedYear } from '../support/consultations-api.js';
import { consultationCsv, consultationRows } from '../support/consultations-csv.js';
import { companyRegistration, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a thousand generated requests found (NUL and unpaired surrogates answered 500, prototype keys
 * and a second file accepted, no Cache-Control, formulas in exports), each pinned by status and field.
 */
describe('hostile input over HTTP', () => {
  let t: TestApp;
  let db: DataSource;
  let staff: { cookie: string; id: string };
  let counsellor: { cookie: string; id: string };
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    staff = await signedInAs(t, 'city_staff');
    counsellor = await signedInAs(t, 'counsellor');
  });
  afterAll(() => t.close());

  /** A raw JSON body: JSON.stringify would keep "\uD800" escaped anyway, but this says what is sent. */
  const postJson = (path: string, json: string, cookie?: string) => {
    const req = t.http.post(path).set('Content-Type', 'application/json');
    return (cookie ? req.set('Cookie', cookie) : req).send(json);
  };
  const expectFieldNamed = (body: { statusCode: number; message: string; fields?: { field: string }[] }, field: string) => {
    expect(body.statusCode).toBe(400);
    expect(body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(body.message).toContain(field);
  };

  describe('NUL and unpaired surrogates', () => {
    it('answers 400 naming the field for a NUL in a company name and stores nothing', async () => {
      const registration = companyRegistration({ name: 'a\u0000b' });
      const res = await t.http.post('/api/v1/companies/register').send(registration).expect(400);
      expectFieldNamed(res.body, 'name');
      expect(res.body.message).toMatch(/NUL/);
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM companies WHERE corporate_number = $1', [registration.corporate_number]);
      expect(n).toBe(0);
    });

    it('answers 400 naming memo for a NUL in a consultation memo', async () => {
      const res = await t.http.post('/api/v1/consultations').set('Cookie', counsellor.cookie).send(consultationBody({ memo: 'a\u0000b' })).expect(400);
      expectFieldNamed(res.body, 'memo');
    });

    it('answers 400 naming the field for an unpaired surrogate in an email, wherever it comes', async () => {
      const login = await postJson('/api/v1/auth/login', '{"email":"\\uD800","password":"x"}').expect(400);
      expectFieldNamed(login.body, 'email');
      expect(login.body.message).toMatch(/unpaired surrogate/);
      const trailing = await postJson('/api/v1/auth/login', '{"email":"a@example.jp\\uDFFF","password":"x"}').expect(400);
      expectFieldNamed(trailing.body, 'email');
      const register = await t.http.post('/api/v1/companies/register').send(companyRegistration({ manager_email: 'm\uD83D@example.jp' })).expect(400);
      expectFieldNamed(register.body, 'manager_email');
    });

    it('keeps well-formed text: an emoji and a rare kanji pass', async () => {
      await t.http.post('/api/v1/companies/register').send(companyRegistration({ name: '株式会社𠮷田 😀' })).expect(201);
    });

    it('checks nested fields, array items and query strings too', async () => {
      const release = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie)
        .send({ label: 'x', period_start: '2026-04-01', period_end: '2026-06-30', policy: { k: 5, note: 'a\u0000' } }).expect(400);
      expectFieldNamed(release.body, 'policy.note');
      const themes = await t.http.post('/api/v1/consultations').set('Cookie', counsellor.cookie)
        .send(consultationBody({ themes: ['health', '\uDC00'] })).expect(400);
      expectFieldNamed(themes.body, 'themes.1');
      const query = await t.http.get('/api/v1/consultations?from=2026-01-01%00').set('Cookie', staff.cookie).expect(400);
      expectFieldNamed(query.body, 'from');
    });

    it('refuses JSON nested deeper than any DTO goes (400, not a stack overflow)', async () => {
      const deep = '{"name":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
      const res = await postJson('/api/v1/companies/register', deep).expect(400);
      expect(res.body.message).toMatch(/nested too deeply/);
    });
  });

  describe('prototype keys', () => {
    const keys = ['__proto__', 'constructor', 'prototype'];

    it('refuses them as extra JSON keys on every JSON route, like any unknown field', async () => {
      const admin = await signedInAs(t, 'admin');
      const company = await t.http.post('/api/v1/companies/register').send(companyRegistration()).expect(201);
      const routes: { path: string; body: Record<string, unknown>; cookie?: string }[] = [
        { path: '/api/v1/auth/login', body: { email: 'a@example.jp', password: 'x' } },
        { path: '/api/v1/companies/register', body: companyRegistration() },
        { path: `/api/v1/companies/${company.body.id}/reject`, body: { reason: 'x' }, cookie: staff.cookie },
        { path: '/api/v1/consultations', body: consultationBody(), cookie: counsellor.cookie },
        { path: '/api/v1/releases', body: { label: 'x', period_start: '2026-04-01', period_end: '2026-06-30' }, cookie: staff.cookie },
        { path: '/api/v1/users', body: { email: `u-${randomUUID().slice(0, 8)}@example.jp`, role: 'counsellor' }, cookie: admin.cookie },
      ];
      for (const route of routes) {
        for (const key of keys) {
          const json = JSON.stringify(route.body).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true},`);
          const res = await postJson(route.path, json, route.cookie);
          expect({ route: route.path, key, status: res.status }).toEqual({ route: route.path, key, status: 400 });
          expectFieldNamed(res.body, key);
          expect(res.body.message).toContain(`property ${key} should not exist`);
        }
      }
      // nothing above changed the company: its reject was refused
      const after = await t.http.get(`/api/v1/companies/${company.body.id}`).set('Cookie', staff.cookie).expect(200);
      expect(after.body.status).toBe('pending');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses them nested, in a query string and in a page form', async () => {
      const nested = await postJson('/api/v1/releases', '{"label":"x","period_start":"2026-04-01","period_end":"2026-06-30","policy":{"__proto__":{"k":1}}}', staff.cookie).expect(400);
      expectFieldNamed(nested.body, 'policy.__proto__');
      const query = await t.http.get('/api/v1/companies?__proto__=x').set('Cookie', staff.cookie).expect(400);
      expectFieldNamed(query.body, '__proto__');
      const constructorQuery = await t.http.get('/api/v1/consultations?constructor=x').set('Cookie', staff.cookie).expect(400);
      expectFieldNamed(constructorQuery.body, 'constructor');
      // A page form (urlencoded): qs would drop "__proto__" silently; it is refused like the others.
      for (const key of keys) {
        const page = await t.http.post('/login').set('Accept', 'text/html').type('form').send(`email=a%40example.jp&password=x&${key}=1`).expect(400);
        expect(page.headers['content-type']).toMatch(/html/);
        expect(page.text).toContain(`property ${key} should not exist`);
      }
      const nul = await t.http.post('/login').set('Accept', 'text/html').type('form').send('email=a%00b&password=x').expect(400);
      expect(nul.text).toContain('email must not contain a NUL character');
    });
  });

  describe('multipart uploads', () => {
    const tag = () => `H${randomUUID().slice(0, 8)}`;
    const rows = (prefix: string, n: number) => [...consultationRows(n, { seed: 3 })].map((r, i) => ({ ...r, client_ref: `${prefix}-${i}` }));
    const stored = async (prefix: string) =>
      (await db.query('SELECT count(*)::int AS n FROM consultations WHERE client_ref LIKE $1', [`${prefix}-%`]))[0].n as number;

    it('refuses a form with two files (400 naming file) and stores neither', async () => {
      const prefix = tag();
      const res = await t.http.post('/api/v1/consultations/import').set('Cookie', counsellor.cookie)
        .attach('file', Buffer.from(consultationCsv(rows(prefix, 3))), { filename: 'a.csv', contentType: 'text/csv' })
        .attach('file', Buffer.from(consultationCsv(rows(`${prefix}b`, 3))), { filename: 'b.csv', contentType: 'text/csv' })
        .expect(400);
      expectFieldNamed(res.body, 'file');
      expect(res.body.message).toMatch(/exactly one file/);
      expect(await stored(prefix)).toBe(0);
      expect(await stored(`${prefix}b`)).toBe(0);
    });

    it('refuses a file in another field (400 naming that field)', async () => {
      const res = await t.http.post('/api/v1/consultations/import').set('Cookie', counsellor.cookie)
        .attach('upload', Buffer.from(consultationCsv(rows(tag(), 1))), { filename: 'a.csv', contentType: 'text/csv' })
        .expect(400);
      expectFieldNamed(res.body, 'upload');
    });

    it('answers a cut-off form with 400 naming file, not 500, and stores nothing', async () => {
      const prefix = tag();
      const boundary = '----hks' + randomUUID().replace(/-/g, '');
      const cut = (closing: boolean) => [
        `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="a.csv"', 'Content-Type: text/csv', '',
        consultationCsv(rows(prefix, 3)) + (closing ? `\r\n--${boundary}` : ''),
      ].join('\r\n');
      for (const body of [cut(false), cut(true), `--${boundary}\r\nContent-Disposition: form-da`]) {
        const res = await t.http.post('/api/v1/consultations/import').set('Cookie', counsellor.cookie)
          .set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body).expect(400);
        expectFieldNamed(res.body, 'file');
      }
      expect(await stored(prefix)).toBe(0);
    });

    it('still imports one well-formed file', async () => {
      const prefix = tag();
      const res = await t.http.post('/api/v1/consultations/import').set('Cookie', counsellor.cookie).field('note', 'x')
        .attach('file', Buffer.from(consultationCsv(rows(prefix, 4))), { filename: 'a.csv', contentType: 'text/csv' }).expect(201);
      expect(res.body.imported).toBe(4);
      expect(await stored(prefix)).toBe(4);
    });
  });

  describe('caching', () => {
    it('answers every /api/v1 request with Cache-Control: no-store, errors too', async () => {
      const answers: [string, { headers: Record<string, string> }][] = [
        ['me', await t.http.get('/api/v1/auth/me').set('Cookie', staff.cookie).expect(200)],
        ['companies', await t.http.get('/api/v1/companies').set('Cookie', staff.cookie).expect(200)],
        ['releases', await t.http.get('/api/v1/releases').set('Cookie', staff.cookie).expect(200)],
        ['bad query', await t.http.get('/api/v1/consultations?limit=0').set('Cookie', staff.cookie).expect(400)],
        ['not signed in', await t.http.get('/api/v1/auth/me').expect(401)],
        ['failed sign-in', await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.17').send({ email: 'a@example.jp', password: 'x' }).expect(401)],
      ];
      for (const [what, res] of answers) expect({ what, cacheControl: res.headers['cache-control'] }).toEqual({ what, cacheControl: 'no-store' });
    });
  });

  describe('CSV export', () => {
    it('writes a cell that would start a formula with a leading apostrophe, and leaves codes and numbers alone', async () => {
      const year = isolatedYear();
      const hostile = ['=HYPERLINK("http://evil.example","x")', '+SUM(1)', "-2+3+cmd|' /C calc'!A0", '@SUM(1)', '\tTAB', 'SAFE-1'];
      const heldOn = (i: number) => `${year}-01-${10 + i}`;
      for (const [i, ref] of hostile.entries()) {
        // Straight into the table: the API refuses such a client_ref, so this is what slipped in another way.
        await db.query(
          `INSERT INTO consultations (held_on, client_ref, industry, age_band, employment_type, tenure_band, channel, duration_min, themes, recorded_by)
           VALUES ($1, $2, 'E', '-19', 'not_working', 'na', 'phone', 30, ARRAY['health'], $3)`,
          [heldOn(i), ref, counsellor.id],
        );
      }
      const res = await t.http.get(`/api/v1/consultations/export?from=${year}-01-01&to=${year}-12-31`).set('Cookie', staff.cookie)
        .buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const bytes = (res.body as Buffer).toString('utf8');
      expect(bytes).toBe(
        '\uFEFFheld_on,client_ref,employer_hmac,industry,size_band,age_band,employment_type,tenure_band,channel,duration_min,themes,satisfaction\r\n' +
          [
            `"'=HYPERLINK(""http://evil.example"",""x"")"`,
            "'+SUM(1)",
            "'-2+3+cmd|' /C calc'!A0",
            "'@SUM(1)",
            "'\tTAB",
            'SAFE-1',
          ].map((cell, i) => `${heldOn(i)},${cell},,E,,-19,not_working,na,phone,30,health,\r\n`).join(''),
      );
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });
});
