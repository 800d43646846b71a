import { DataSource } from 'typeorm';
import { employerHmacOf } from '@hokenshitsu/consultations';
import { consultationBody, isolatedYear } from '../support/consultations-api.js';
import { registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('consultations: one record, list and export', () => {
  let t: TestApp;
  let db: DataSource;
  let counsellor: { cookie: string; id: string };
  let staff: { cookie: string; id: string };
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    counsellor = await signedInAs(t, 'counsellor');
    staff = await signedInAs(t, 'city_staff');
  });
  afterAll(() => t.close());

  const record = (body: Record<string, unknown>, cookie = counsellor.cookie) =>
    t.http.post('/api/v1/consultations').set('Cookie', cookie).send(body);

  it('records one consultation and answers 201 with the stored record, never the employer key or its HMAC', async () => {
    const res = await record(consultationBody({ memo: '次回は履歴書を持参' })).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      held_on: '2026-11-04',
      client_ref: 'R-0412',
      industry: 'E',
      size_band: '20-49',
      age_band: '30-39',
      employment_type: 'regular',
      tenure_band: '3-10',
      channel: 'in_person',
      duration_min: 60,
      themes: ['career_change', 'health'],
      satisfaction: 4,
      memo: '次回は履歴書を持参',
      recorded_by: counsellor.id,
      recorded_at: expect.any(String),
      import_id: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('あさひかわ');
    const [row] = await db.query('SELECT employer_hmac, held_on::text AS held_on FROM consultations WHERE id = $1', [res.body.id]);
    expect(row).toEqual({ employer_hmac: employerHmacOf(t.config.employerHmacKey, '株式会社あさひかわ製作所'), held_on: '2026-11-04' });
    const [clear] = await db.query(`SELECT count(*)::int AS n FROM consultations WHERE row_to_json(consultations)::text LIKE '%あさひかわ%'`);
    expect(clear.n).toBe(0);
  });

  it('hashes width and spacing variants of one employer to the same HMAC, and no employer to NULL', async () => {
    const a = await record(consultationBody({ employer_key: '株式会社Ａ' })).expect(201);
    const b = await record(consultationBody({ employer_key: '  株式会社A ' })).expect(201);
    const none = await record(consultationBody({ employer_key: '', employment_type: 'not_working', tenure_band: 'na', size_band: null })).expect(201);
    const rows: { id: string; employer_hmac: string | null }[] = await db.query(
      'SELECT id, employer_hmac FROM consultations WHERE id = ANY($1)', [[a.body.id, b.body.id, none.body.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.employer_hmac]));
    expect(byId.get(a.body.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(byId.get(a.body.id)).toBe(byId.get(b.body.id));
    expect(byId.get(none.body.id)).toBeNull();
    expect(none.body.size_band).toBeNull();
  });

  it('takes themes as a ;-separated string and deduplicates them', async () => {
    const res = await record(consultationBody({ themes: 'health; startup;health', satisfaction: null })).expect(201);
    expect(res.body.themes).toEqual(['health', 'startup']);
    expect(res.body.satisfaction).toBeNull();
  });

  it.each([
    ['industry', { industry: 'Z' }],
    ['held_on', { held_on: '2026-02-30' }],
    ['held_on', { held_on: '04/11/2026' }],
    ['client_ref', { client_ref: '' }],
    ['client_ref', { client_ref: 'x'.repeat(65) }],
    ['duration_min', { duration_min: 0 }],
    ['duration_min', { duration_min: 481 }],
    ['duration_min', { duration_min: '60' }],
    ['themes', { themes: [] }],
    ['themes', { themes: ['health', 'astrology'] }],
    ['satisfaction', { satisfaction: 6 }],
    ['age_band', { age_band: '35' }],
    ['unknown', { employer_hmac: 'ab' }],
  ])('refuses a bad %s with 400 naming the field', async (field, overrides) => {
    const res = await record(consultationBody(overrides)).expect(400);
    if (field === 'unknown') expect(res.body.message).toMatch(/employer_hmac/);
    else expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('never echoes the employer key or client_ref in an error', async () => {
    const res = await record(consultationBody({ client_ref: `SECRET-${'x'.repeat(70)}`, employer_key: `ひみつ${'商'.repeat(300)}` })).expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/SECRET|ひみつ/);
  });

  it('answers 422 when size_band is missing for a regular or non_regular employee', async () => {
    for (const employment_type of ['regular', 'non_regular']) {
      const res = await record(consultationBody({ employment_type, size_band: undefined })).expect(422);
      expect(res.body.fields).toEqual([{ field: 'size_band', message: expect.stringMatching(/required/) }]);
    }
    await record(consultationBody({ employment_type: 'self_employed', size_band: undefined })).expect(201);
  });

  it('lets city staff and admins record; refuses company managers (403) and strangers (401)', async () => {
    await record(consultationBody(), staff.cookie).expect(201);
    const admin = await signedInAs(t, 'admin');
    await record(consultationBody(), admin.cookie).expect(201);
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    const manager = await signedInAs(t, 'company_manager', company.id);
    await record(consultationBody(), manager.cookie).expect(403);
    await t.http.get('/api/v1/consultations').set('Cookie', manager.cookie).expect(403);
    await t.http.get('/api/v1/consultations/export').set('Cookie', manager.cookie).expect(403);
    await t.http.post('/api/v1/consultations/import').set('Cookie', manager.cookie).set('Content-Type', 'text/csv').send('held_on\n').expect(403);
    await t.http.post('/api/v1/consultations').send(consultationBody()).expect(401);
    await t.http.get('/api/v1/consultations').expect(401);
  });

  describe('in one isolated year', () => {
    const year = isolatedYear();
    const ids: string[] = [];
    beforeAll(async () => {
      // Recorded out of order; listed newest session first.
      for (const [day, ref] of [['03-02', 'L-2'], ['01-15', 'L-1'], ['12-24', 'L-4'], ['06-30', 'L-3']] as const) {
        const body = consultationBody({ held_on: `${year}-${day}`, client_ref: ref, memo: 'MEMO-NOT-EXPORTED', employer_key: day === '01-15' ? '' : '株式会社Ｂ' });
        if (day === '01-15') Object.assign(body, { employment_type: 'not_working', tenure_band: 'na', size_band: null, satisfaction: null });
        ids.push((await record(body).expect(201)).body.id);
      }
    });

    it('lists a date range newest first with total, limit and offset', async () => {
      const res = await t.http.get(`/api/v1/consultations?from=${year}-01-01&to=${year}-12-31`).set('Cookie', staff.cookie).expect(200);
      expect(res.body.total).toBe(4);
      expect(res.body.limit).toBe(50);
      expect(res.body.offset).toBe(0);
      expect(res.body.items.map((i: { client_ref: string }) => i.client_ref)).toEqual(['L-4', 'L-3', 'L-2', 'L-1']);
      expect(res.body.items[0]).not.toHaveProperty('employer_hmac');
      const page = await t.http.get(`/api/v1/consultations?from=${year}-02-01&to=${year}-12-31&limit=1&offset=1`).set('Cookie', counsellor.cookie).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items.map((i: { client_ref: string }) => i.client_ref)).toEqual(['L-3']);
    });

    it('refuses a bad range or page (400, 422)', async () => {
      await t.http.get(`/api/v1/consultations?from=${year}-02-30`).set('Cookie', staff.cookie).expect(400);
      await t.http.get('/api/v1/consultations?limit=0').set('Cookie', staff.cookie).expect(400);
      await t.http.get('/api/v1/consultations?limit=501').set('Cookie', staff.cookie).expect(400);
      await t.http.get('/api/v1/consultations?offset=-1').set('Cookie', staff.cookie).expect(400);
      await t.http.get('/api/v1/consultations?colour=red').set('Cookie', staff.cookie).expect(400);
      const reversed = await t.http.get(`/api/v1/consultations?from=${year}-12-31&to=${year}-01-01`).set('Cookie', staff.cookie).expect(422);
      expect(reversed.body.fields).toEqual([expect.objectContaining({ field: 'to' })]);
      await t.http.get(`/api/v1/consultations/export?from=${year}-12-31&to=${year}-01-01`).set('Cookie', staff.cookie).expect(422);
    });

    it('exports the range as CSV in REFERENCE.md order with employer_hmac and without the memo', async () => {
      const res = await t.http.get(`/api/v1/consultations/export?from=${year}-01-01&to=${year}-12-31`).set('Cookie', staff.cookie)
        .buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="consultations-${year}-01-01-${year}-12-31.csv"`);
      const text = res.body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe('held_on,client_ref,employer_hmac,industry,size_band,age_band,employment_type,tenure_band,channel,duration_min,themes,satisfaction');
      expect(lines.slice(1, -1).map((l) => l.split(',')[1])).toEqual(['L-1', 'L-2', 'L-3', 'L-4']);
      expect(lines[lines.length - 1]).toBe('');
      const hmacB = employerHmacOf(t.config.employerHmacKey, '株式会社B');
      expect(lines[1]).toBe(`${year}-01-15,L-1,,E,,30-39,not_working,na,in_person,60,career_change;health,`);
      expect(lines[2]).toBe(`${year}-03-02,L-2,${hmacB},E,20-49,30-39,regular,3-10,in_person,60,career_change;health,4`);
      expect(text).not.toContain('MEMO');
      expect(text).not.toContain('株式会社');
    });

    it('exports thousands of rows in cursor batches, each once', async () => {
      const bulkYear = isolatedYear() + 1000;
      await db.query(
        `INSERT INTO consultations (held_on, client_ref, industry, age_band, employment_type, tenure_band, channel, duration_min, themes, recorded_by)
         SELECT make_date($1, 1, 1) + (i % 365), 'B-' || i, 'P', '40-49', 'not_working', 'na', 'phone', 30, ARRAY['health'], $2
         FROM generate_series(1, 3500) AS i`,
        [bulkYear, counsellor.id],
      );
      const res = await t.http.get(`/api/v1/consultations/export?from=${bulkYear}-01-01&to=${bulkYear}-12-31`).set('Cookie', staff.cookie).expect(200);
      const refs = res.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[1]);
      expect(refs).toHaveLength(3500);
      expect(new Set(refs).size).toBe(3500);
    });
  });
});
