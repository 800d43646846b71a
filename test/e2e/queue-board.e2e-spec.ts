import { login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/** Bull Board at /admin/queues: city staff and admins only, every queue of the portal. */
describe('queue board', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps the portal\'s strict policy everywhere else', async () => {
    const login = await t.http.get('/login').set('Accept', 'text/html').expect(200);
    expect(login.headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
  });

  it('sends a visitor to sign in and refuses managers and counsellors', async () => {
    const anonymous = await t.http.get('/admin/queues').set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Fqueues');
    await t.http.get('/admin/queues/api/queues').expect(401);
    const manager = await login(t, (await registeredCompany(t)).managerEmail);
    for (const cookie of [manager, (await signedInAs(t, 'counsellor')).cookie]) {
      await t.http.get('/admin/queues').set('Cookie', cookie).set('Accept', 'text/html').expect(403);
      await t.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(403);
    }
  });

  it('shows staff and admins the board with the reports, subsidies, releases, mail and maintenance queues', async () => {
    for (const role of ['city_staff', 'admin'] as const) {
      const { cookie } = await signedInAs(t, role);
      const page = await t.http.get('/admin/queues').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('__UI_CONFIG__');
      // Inline styles for the board's UI, on this route only; scripts stay same-origin.
      expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(page.headers['content-security-policy']).toContain("script-src 'self';");
      const api = await t.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'maintenance', 'releases', 'reports', 'subsidies']);
    }
  });
});
