import { createUser, login, signedInAs, startTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';

describe('auth (real PostgreSQL sessions)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs in, answers /me, and signs out', async () => {
    const user = await createUser(t, 'counsellor');
    const res = await t.http.post('/api/v1/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(res.body).toEqual({ id: user.id, email: user.email, role: 'counsellor', company_id: null });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/hks_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.body).not.toHaveProperty('password_hash');
    const cookie = setCookie.split(';')[0]!;
    await t.http.get('/api/v1/auth/me').set('Cookie', cookie).expect(200, { id: user.id, email: user.email, role: 'counsellor', company_id: null });
    await t.http.post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);
    await t.http.get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const user = await createUser(t, 'city_staff');
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'whatever' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).not.toMatch(/exist|unknown|not found/i);
  });

  it('locks an account after repeated failures (429), for known and unknown emails alike', async () => {
    const user = await createUser(t, 'counsellor');
    for (let i = 0; i < t.config.loginMaxFailuresPerAccount; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    }
    const locked = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(locked.headers['retry-after']).toBeDefined();
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < t.config.loginMaxFailuresPerAccount; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: ghost, password: 'wrong-password' }).expect(401);
    }
    const ghostLocked = await t.http.post('/api/v1/auth/login').send({ email: ghost, password: 'x' }).expect(429);
    expect(ghostLocked.body.message).toBe(locked.body.message);
  });

  it('rate-limits one address across accounts (429)', async () => {
    const limited = await startTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      for (let i = 0; i < 3; i++) {
        await limited.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email: uniqueEmail('spray'), password: 'guess-guess' }).expect(401);
      }
      const user = await createUser(limited, 'counsellor');
      await limited.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.7').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
      await limited.http.post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.8').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('refuses bad input with 400 naming the field', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x' }).expect(400);
    expect(res.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
    const extra = await t.http.post('/api/v1/auth/login').send({ email: 'a@example.jp', password: 'x', admin: true }).expect(400);
    expect(extra.body.message).toMatch(/admin/);
  });

  it('keeps sessions in PostgreSQL: a second api process accepts the cookie', async () => {
    const { cookie } = await signedInAs(t, 'city_staff');
    const other = await startTestApp();
    try {
      await other.http.get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    } finally {
      await other.close();
    }
  });

  it('never logs in a deactivated or garbage session', async () => {
    await t.http.get('/api/v1/auth/me').set('Cookie', 'hks_session=garbage').expect(401);
    await t.http.get('/api/v1/auth/me').expect(401);
    const user = await createUser(t, 'counsellor');
    expect(await login(t, user.email)).toMatch(/^hks_session=/);
  });
});

describe('user management (admin only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets an admin create, list and deactivate users; a deactivated user is signed out at once', async () => {
    const admin = await signedInAs(t, 'admin');
    const email = uniqueEmail('new-staff');
    const created = await t.http.post('/api/v1/users').set('Cookie', admin.cookie).send({ email, role: 'city_staff' }).expect(201);
    expect(created.body).toMatchObject({ email, role: 'city_staff', company_id: null, generated_password: expect.any(String) });
    const cookie = await login(t, email, created.body.generated_password);
    const list = await t.http.get('/api/v1/users').set('Cookie', admin.cookie).expect(200);
    expect(list.body.find((u: { email: string }) => u.email === email)).toMatchObject({ active: true });
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password_hash/);
    await t.http.post(`/api/v1/users/${created.body.id}/deactivate`).set('Cookie', admin.cookie).expect(200);
    await t.http.get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email, password: created.body.generated_password }).expect(401);
    await t.http.post(`/api/v1/users/${admin.id}/deactivate`).set('Cookie', admin.cookie).expect(422);
    await t.http.post('/api/v1/users/not-an-id/deactivate').set('Cookie', admin.cookie).expect(404);
  });

  it('refuses city staff and everyone else (403), and bad input (400/409)', async () => {
    const staff = await signedInAs(t, 'city_staff');
    await t.http.get('/api/v1/users').set('Cookie', staff.cookie).expect(403);
    await t.http.post('/api/v1/users').set('Cookie', staff.cookie).send({ email: uniqueEmail(), role: 'admin' }).expect(403);
    const admin = await signedInAs(t, 'admin');
    const bad = await t.http.post('/api/v1/users').set('Cookie', admin.cookie).send({ email: 'nope', role: 'king' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'role']);
    await t.http.post('/api/v1/users').set('Cookie', admin.cookie).send({ email: staff.email, role: 'city_staff' }).expect(409);
    await t.http.post('/api/v1/users').set('Cookie', admin.cookie).send({ email: uniqueEmail(), role: 'company_manager' }).expect(422);
  });
});
