import { login, registeredCompany, signedInAs, startTestApp, uniqueEmail, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';

/** The admin's user management page: list, create (generated password shown once), deactivate after confirming. */
describe('user management page (/admin/users)', () => {
  let t: TestApp;
  let admin: { cookie: string; id: string; email: string };
  let staff: string;
  let form: { cookie: string; token: string };

  const page = (path: string, cookie = admin.cookie) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, body: Record<string, string>) =>
    t.http.post(path).type('form').set('Accept', HTML).set('Cookie', form.cookie).send({ _csrf: form.token, ...body });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedInAs(t, 'admin');
    staff = (await signedInAs(t, 'city_staff')).cookie;
    const res = await page('/admin/users').expect(200);
    const csrf = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='))!.split(';')[0]!;
    form = { cookie: `${admin.cookie}; ${csrf}`, token: /name="_csrf" value="([^"]+)"/.exec(res.text)![1]! };
  });
  afterAll(() => t.close());

  it('lists every user with role, company and status, in Japanese with an English switch', async () => {
    const res = await page('/admin/users').expect(200);
    expect(res.text).toContain('<h1>ユーザー管理</h1>');
    expect(res.text).toMatch(new RegExp(`<tr data-user="${admin.id}">\\s*<th scope="row" class="users-table__email">${admin.email} <span class="badge badge--draft">あなた</span></th>\\s*<td data-label="役割">システム管理者</td>`));
    // Nobody deactivates herself: no link on her own row.
    expect(res.text).not.toContain(`href="/admin/users/${admin.id}/deactivate"`);
    expect(res.text).toContain('<span class="badge badge--published">有効</span>');
    for (const id of ['email', 'role', 'company_id', 'password']) expect(res.text).toContain(`id="${id}"`);
    const english = await page('/admin/users?lang=en').expect(200);
    expect(english.text).toContain('<h1>Users</h1>');
    expect(english.text).toContain('<option value="city_staff">city staff</option>');
    expect(english.text).toContain('<td data-label="Role">administrator</td>');
  });

  it('is for admins only: city staff, counsellors and managers get 403', async () => {
    await page('/admin/users', staff).expect(403);
    await page('/admin/users', (await signedInAs(t, 'counsellor')).cookie).expect(403);
    await page(`/admin/users/${admin.id}/deactivate`, staff).expect(403);
    const anonymous = await t.http.get('/admin/users').set('Accept', HTML).expect(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
  });

  it('creates a user with a generated password shown once, with which she signs in', async () => {
    const email = uniqueEmail('counsellor');
    const res = await post('/admin/users', { email, role: 'counsellor', company_id: '', password: '' }).expect(200);
    expect(res.text).toContain(`${email}（相談員）を作成しました。`);
    const password = /<code data-generated-password>([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(password).toBeDefined();
    expect(res.text).toContain('このパスワードは今回だけ表示します。');
    expect(await login(t, email, password)).toMatch(/^hks_session=/);
    // Shown this once: the list page never carries it again.
    expect((await page('/admin/users').expect(200)).text).not.toContain(password!);

    const manager = uniqueEmail('manager');
    const company = await registeredCompany(t);
    const own = await post('/admin/users', { email: manager, role: 'company_manager', company_id: company.id, password: 'a-long-enough-password' }).expect(200);
    expect(own.text).toContain(`${manager}（企業の担当者）を作成しました。`);
    expect(own.text).not.toContain('data-generated-password');
    expect(own.text).toContain(`<code class="users-table__id">${company.id}</code>`);
  });

  it('shows a duplicate email on the form (409), and other mistakes by their fields (422)', async () => {
    const email = uniqueEmail('dup');
    await post('/admin/users', { email, role: 'city_staff', password: 'a-long-enough-password' }).expect(200);
    const dup = await post('/admin/users', { email: email.toUpperCase(), role: 'counsellor' }).expect(409);
    expect(dup.text).toMatch(/<title>エラー: ユーザー管理/);
    expect(dup.text).toContain('<a href="#email">このメールアドレスはすでに登録されています</a>');
    expect(dup.text).toContain('<p class="field__error" id="email-error">このメールアドレスはすでに登録されています</p>');
    expect(dup.text).toContain(`value="${email.toUpperCase()}"`);

    const bad = await post('/admin/users', { email: 'not-an-email', role: 'wizard', password: 'short' }).expect(422);
    expect([...bad.text.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['email', 'role', 'password']);
    expect(bad.text).toContain('パスワードは12文字以上で入力してください');
    const noCompany = await post('/admin/users', { email: uniqueEmail('m'), role: 'company_manager' }).expect(422);
    expect(noCompany.text).toContain('<a href="#company_id">企業IDは、役割が「企業の担当者」のときに必要で');
  });

  it('deactivates a user after a confirmation page; she can no longer sign in', async () => {
    const target = await signedInAs(t, 'counsellor');
    const confirm = await page(`/admin/users/${target.id}/deactivate`).expect(200);
    expect(confirm.text).toContain(`<h1>${target.email} を無効にしますか？</h1>`);
    expect(confirm.text).toContain('この利用者はすぐにログアウトされ、以後ログインできなくなります。');
    expect(confirm.text).toContain(`<form class="confirm-form" method="post" action="/admin/users/${target.id}/deactivate"`);
    expect(confirm.text).toContain('<a class="button button--secondary" href="/admin/users">無効にしないで戻る</a>');
    // Looking at the confirmation changes nothing.
    await t.http.get('/api/v1/auth/me').set('Cookie', target.cookie).expect(200);

    const res = await post(`/admin/users/${target.id}/deactivate`, {}).expect(303);
    expect(res.headers.location).toBe(`/admin/users?deactivated=${target.id}`);
    const list = await page(res.headers.location!).expect(200);
    expect(list.text).toContain(`${target.email} を無効にしました。`);
    expect(list.text).toMatch(new RegExp(`<tr data-user="${target.id}">[\\s\\S]*?<span class="badge badge--draft">無効</span>`));
    await t.http.get('/api/v1/auth/me').set('Cookie', target.cookie).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: target.email, password: 'correct-horse-battery' }).expect(401);

    const self = await post(`/admin/users/${admin.id}/deactivate`, {}).expect(422);
    expect(self.text).toContain('自分自身のアカウントは無効にできません。');
    await page('/admin/users/00000000-0000-4000-8000-000000000000/deactivate').expect(404);
  });
});
