import { companyRegistration, login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('companies: registration, verification, tenant scoping', () => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let counsellor: string;
  beforeAll(async () => {
    t = await startTestApp();
    staff = (await signedInAs(t, 'city_staff')).cookie;
    admin = (await signedInAs(t, 'admin')).cookie;
    counsellor = (await signedInAs(t, 'counsellor')).cookie;
  });
  afterAll(() => t.close());

  it('registers a pending company whose manager can sign in and see only her pending status', async () => {
    const body = companyRegistration({ employees: 42 });
    const res = await t.http.post('/api/v1/companies/register').send(body).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'pending' });
    const manager = await login(t, body.manager_email);
    const me = await t.http.get('/api/v1/auth/me').set('Cookie', manager).expect(200);
    expect(me.body).toMatchObject({ role: 'company_manager', company_id: res.body.id });
    const own = await t.http.get(`/api/v1/companies/${res.body.id}`).set('Cookie', manager).expect(200);
    expect(own.body).toMatchObject({ status: 'pending', industry: 'E', employees: 42, size_band: '20-49', size_class: '20-99', corporate_number: body.corporate_number });
    const list = await t.http.get('/api/v1/companies').set('Cookie', manager).expect(200);
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  it('derives the size band from the employee count', async () => {
    for (const [employees, band] of [[1, '1-4'], [19, '10-19'], [300, '300-999'], [1000, '1000+']] as const) {
      const res = await t.http.post('/api/v1/companies/register').send(companyRegistration({ employees })).expect(201);
      const got = await t.http.get(`/api/v1/companies/${res.body.id}`).set('Cookie', staff).expect(200);
      expect(got.body.size_band).toBe(band);
    }
  });

  it('lets staff and admins verify or reject; a second decision is 409', async () => {
    const a = await registeredCompany(t);
    const b = await registeredCompany(t);
    const verified = await t.http.post(`/api/v1/companies/${a.id}/verify`).set('Cookie', staff).expect(200);
    expect(verified.body).toMatchObject({ id: a.id, status: 'verified', reviewed_at: expect.any(String) });
    const rejected = await t.http.post(`/api/v1/companies/${b.id}/reject`).set('Cookie', admin).send({ reason: '法人番号と名称が一致しません' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection_reason: '法人番号と名称が一致しません' });
    const again = await t.http.post(`/api/v1/companies/${a.id}/reject`).set('Cookie', staff).expect(409);
    expect(again.body.message).toMatch(/verified/);
  });

  it('filters the staff list by status', async () => {
    const c = await registeredCompany(t, { verifiedBy: staff });
    const verified = await t.http.get('/api/v1/companies?status=verified').set('Cookie', staff).expect(200);
    expect(verified.body.every((x: { status: string }) => x.status === 'verified')).toBe(true);
    expect(verified.body.map((x: { id: string }) => x.id)).toContain(c.id);
    const pending = await t.http.get('/api/v1/companies?status=pending').set('Cookie', staff).expect(200);
    expect(pending.body.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const bad = await t.http.get('/api/v1/companies?status=maybe').set('Cookie', staff).expect(400);
    expect(bad.body.fields[0].field).toBe('status');
  });

  it('hides another company from a manager (404), and refuses wrong roles (403)', async () => {
    const mine = await registeredCompany(t, { verifiedBy: staff });
    const theirs = await registeredCompany(t, { verifiedBy: staff });
    const manager = await login(t, mine.managerEmail);
    await t.http.get(`/api/v1/companies/${theirs.id}`).set('Cookie', manager).expect(404);
    await t.http.post(`/api/v1/companies/${theirs.id}/verify`).set('Cookie', manager).expect(403);
    await t.http.get('/api/v1/companies').set('Cookie', counsellor).expect(403);
    await t.http.post(`/api/v1/companies/${theirs.id}/verify`).set('Cookie', counsellor).expect(403);
    await t.http.get(`/api/v1/companies/${theirs.id}`).expect(401);
  });

  it('answers 404 for unknown and malformed ids', async () => {
    await t.http.get('/api/v1/companies/00000000-0000-4000-8000-000000000000').set('Cookie', staff).expect(404);
    await t.http.get('/api/v1/companies/not-a-uuid').set('Cookie', staff).expect(404);
    await t.http.post('/api/v1/companies/not-a-uuid/verify').set('Cookie', staff).expect(404);
  });

  it('validates registration: 400 naming each field, 409 on a duplicate corporate number or email', async () => {
    const res = await t.http
      .post('/api/v1/companies/register')
      .send(companyRegistration({ corporate_number: '1234567890123', industry: 'Z', employees: 0, manager_email: 'x', manager_password: 'short' }))
      .expect(400);
    const fields = res.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['corporate_number', 'industry', 'employees', 'manager_email', 'manager_password']));
    expect(res.body.message).toMatch(/check digit/);
    const first = companyRegistration();
    await t.http.post('/api/v1/companies/register').send(first).expect(201);
    const dupNumber = await t.http.post('/api/v1/companies/register').send(companyRegistration({ corporate_number: first.corporate_number })).expect(409);
    expect(dupNumber.body.fields[0].field).toBe('corporate_number');
    const dupEmail = await t.http.post('/api/v1/companies/register').send(companyRegistration({ manager_email: first.manager_email })).expect(409);
    expect(dupEmail.body.fields[0].field).toBe('manager_email');
    // nothing half-written: the company of the refused registration does not exist
    const all = await t.http.get('/api/v1/companies').set('Cookie', staff).expect(200);
    expect(all.body.filter((c: { corporate_number: string }) => c.corporate_number === first.corporate_number)).toHaveLength(1);
  });
});
