import { createUser, registeredCompany, signedInAs, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';

/** A page's CSRF cookie and the form token that goes with it, as a browser would get them. */
async function formToken(t: TestApp, path = '/login', cookie?: string): Promise<{ cookie: string; token: string }> {
  const req = t.http.get(path).set('Accept', HTML);
  const res = await (cookie ? req.set('Cookie', cookie) : req).expect(200);
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='));
  const csrfCookie = set ? set.split(';')[0]! : cookie!.split('; ').find((c) => c.startsWith('hks_csrf='))!;
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return { cookie: csrfCookie, token };
}

describe('portal pages (server-rendered)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the sign-in page in Japanese by default, with a CSRF cookie', async () => {
    const res = await t.http.get('/login').set('Accept', HTML).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('ログイン');
    expect(res.text).toMatch(/<a class="skip-link" href="#main">/);
    const csrf = String(res.headers['set-cookie']);
    expect(csrf).toMatch(/hks_csrf=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const res = await t.http.get('/login?lang=en').set('Accept', HTML).expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Sign in');
    const lang = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('lang='))!;
    const again = await t.http.get('/register').set('Accept', HTML).set('Cookie', lang.split(';')[0]!).expect(200);
    expect(again.text).toContain('<html lang="en">');
    expect(again.text).toContain('Register a company');
    // Handlebars escapes "=" in attributes as &#x3D;, which the browser reads back as "=".
    expect(again.text).toMatch(/href="\/register\?lang(=|&#x3D;)ja" lang="ja"/);
  });

  it('serves the stylesheets from /assets', async () => {
    const app = await t.http.get('/assets/app.css').expect(200);
    expect(app.headers['content-type']).toMatch(/text\/css/);
    expect(app.text).toContain('var(--color-primitive-blue-900)');
    const tokens = await t.http.get('/assets/tokens.css').expect(200);
    expect(tokens.text).toContain('--color-primitive-blue-900:');
  });

  it('refuses a form post without the CSRF token, or with a wrong one (403)', async () => {
    const user = await createUser(t, 'counsellor');
    const { cookie, token } = await formToken(t);
    const form = { email: user.email, password: TEST_PASSWORD };
    await t.http.post('/login').type('form').set('Cookie', cookie).send(form).expect(403);
    await t.http.post('/login').type('form').set('Cookie', cookie).send({ ...form, _csrf: `${token.slice(0, -2)}xx` }).expect(403);
    // The token of another browser's cookie is no good either.
    const other = await formToken(t);
    await t.http.post('/login').type('form').set('Cookie', cookie).send({ ...form, _csrf: other.token }).expect(403);
    await t.http.post('/login').type('form').send({ ...form, _csrf: token }).expect(403);
    const ok = await t.http.post('/login').type('form').set('Cookie', cookie).send({ ...form, _csrf: token, next: '/staff/companies' }).expect(303);
    expect(ok.headers.location).toBe('/staff/companies');
    expect(String(ok.headers['set-cookie'])).toMatch(/hks_session=/);
  });

  it('signs in only to a local next path', async () => {
    const user = await createUser(t, 'counsellor');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const { cookie, token } = await formToken(t);
      const res = await t.http.post('/login').type('form').set('Cookie', cookie).send({ email: user.email, password: TEST_PASSWORD, _csrf: token, next }).expect(303);
      expect(res.headers.location).toBe('/');
    }
  });

  it('shows a wrong password above the form and keeps the email, not the password', async () => {
    const user = await createUser(t, 'city_staff');
    const { cookie, token } = await formToken(t);
    const res = await t.http.post('/login').type('form').set('Accept', HTML).set('Cookie', cookie).send({ email: user.email, password: 'wrong-password-x', _csrf: token }).expect(401);
    expect(res.text).toContain('メールアドレスまたはパスワードが正しくありません');
    expect(res.text).toContain(`value="${user.email}"`);
    expect(res.text).not.toContain('wrong-password-x');
    expect(res.text).toMatch(/<title>エラー: ログイン/);
  });

  it('tells a locked account to wait (429) instead of signing in', async () => {
    const user = await createUser(t, 'counsellor');
    const { cookie, token } = await formToken(t);
    const post = (password: string) =>
      t.http.post('/login').type('form').set('Accept', HTML).set('Cookie', cookie).send({ email: user.email, password, _csrf: token });
    for (let i = 0; i < t.config.loginMaxFailuresPerAccount; i++) await post('wrong-password-x').expect(401);
    const locked = await post(TEST_PASSWORD).expect(429);
    expect(locked.headers['retry-after']).toBe(String(t.config.loginLockMinutes * 60));
    expect(locked.text).toContain(`${t.config.loginLockMinutes}分ほど待ってから`);
    expect(locked.text).toContain(`value="${user.email}"`);
    expect(String(locked.headers['set-cookie'] ?? '')).not.toMatch(/hks_session=/);
  });

  it('sends a page requested without a session to the sign-in page (303)', async () => {
    const res = await t.http.get('/staff/companies?status=verified').set('Accept', HTML).expect(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/staff/companies?status=verified')}`);
    await t.http.get('/').set('Accept', HTML).expect(303).expect('Location', '/login?next=%2F');
  });

  it('refuses the verification list to a counsellor (403 page)', async () => {
    const { cookie } = await signedInAs(t, 'counsellor');
    const res = await t.http.get('/staff/companies').set('Accept', HTML).set('Cookie', cookie).expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<h1>このページを表示する権限がありません</h1>');
    expect(res.text).toContain('このページはシステム管理者、市の担当職員のためのページです。');
    const { cookie: csrfCookie, token } = await formToken(t, '/', cookie);
    const company = await registeredCompany(t);
    await t.http.post(`/staff/companies/${company.id}/verify`).type('form').set('Cookie', `${cookie}; ${csrfCookie}`).send({ _csrf: token }).expect(403);
  });

  it('answers an unknown page with the portal’s 404 page, and an unknown API route with JSON', async () => {
    const { cookie } = await signedInAs(t, 'counsellor');
    const res = await t.http.get('/nonexistent').set('Accept', HTML).set('Cookie', cookie).expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('<header class="site-header">');
    expect(res.text).toContain('<h1>ページが見つかりません</h1>');
    expect(res.text).toContain('href="/consultations/new"'); // her navigation: the session is read even with no route
    expect(res.text).not.toContain('Cannot GET');
    const english = await t.http.get('/nonexistent?lang=en').set('Accept', HTML).set('Cookie', cookie).expect(404);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('<h1>Page not found</h1>');
    const api = await t.http.get('/api/v1/nonexistent').set('Accept', HTML).expect(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'not_found' });
    await t.http.get('/nonexistent').set('Accept', 'application/json').expect(404).expect('Content-Type', /json/);
  });

  it('words a refused form post (403) as an expired form, in the portal’s layout', async () => {
    const { cookie } = await formToken(t);
    const res = await t.http.post('/login').type('form').set('Accept', HTML).set('Cookie', cookie).send({ email: 'x@example.jp', password: 'p' }).expect(403);
    expect(res.text).toContain('<h1>フォームを確認できませんでした</h1>');
    expect(res.text).toContain('<header class="site-header">');
  });

  it('lets staff verify from the list and confirms it by name', async () => {
    const { cookie } = await signedInAs(t, 'city_staff');
    const company = await registeredCompany(t);
    const page = await formToken(t, '/staff/companies', cookie);
    const both = `${cookie}; ${page.cookie}`;
    const list = await t.http.get('/staff/companies').set('Accept', HTML).set('Cookie', both).expect(200);
    expect(list.text).toContain(`action="/staff/companies/${company.id}/verify"`);
    const res = await t.http.post(`/staff/companies/${company.id}/verify`).type('form').set('Cookie', both).send({ _csrf: page.token, status: 'pending' }).expect(303);
    expect(res.headers.location).toBe(`/staff/companies?status=pending&done=verified&company=${company.id}`);
    const done = await t.http.get(res.headers.location!).set('Accept', HTML).set('Cookie', both).expect(200);
    expect(done.text).toContain(`「${company.body.name}」を確認済みにしました`);
    expect(done.text).not.toContain(`action="/staff/companies/${company.id}/verify"`);
    const again = await t.http.post(`/staff/companies/${company.id}/verify`).type('form').set('Cookie', both).send({ _csrf: page.token }).expect(303);
    expect(again.headers.location).toBe('/staff/companies?status=pending&error=already_reviewed');
  });

  it('keeps a too-long rejection reason by its field (422)', async () => {
    const { cookie } = await signedInAs(t, 'admin');
    const company = await registeredCompany(t);
    const page = await formToken(t, '/staff/companies', cookie);
    const reason = 'あ'.repeat(1001);
    const res = await t.http.post(`/staff/companies/${company.id}/reject`).type('form').set('Accept', HTML).set('Cookie', `${cookie}; ${page.cookie}`).send({ _csrf: page.token, reason }).expect(422);
    expect(res.text).toContain(`href="#reason-${company.id}"`);
    expect(res.text).toContain(`id="reason-${company.id}-error"`);
    expect(res.text).toContain(`aria-invalid="true"`);
    expect(res.text).toContain(reason);
  });

  it('registers a company through the form, refusing mistakes field by field', async () => {
    const page = await formToken(t, '/register');
    const bad = await t.http.post('/register').type('form').set('Accept', HTML).set('Cookie', page.cookie)
      .send({ _csrf: page.token, name: '', corporate_number: '1234567890123', industry: 'E', employees: '十', address: '旭川市', manager_email: 'not-an-email', manager_password: 'short' })
      .expect(422);
    expect(bad.text).toMatch(/<div class="error-summary" role="alert"/);
    for (const id of ['name', 'corporate_number', 'employees', 'manager_email', 'manager_password']) {
      expect(bad.text).toContain(`href="#${id}"`);
      expect(bad.text).toContain(`aria-describedby="${id}-hint ${id}-error"`);
    }
    expect(bad.text).toContain('企業名を入力してください');
    expect(bad.text).toContain('法人番号が正しくありません');
    expect(bad.text).toContain('value="not-an-email"');
    expect(bad.text).not.toContain('value="short"');
    expect(bad.text).not.toContain('href="#industry"');
  });
});
