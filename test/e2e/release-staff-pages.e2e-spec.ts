import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReleaseBuildsService } from '@hokenshitsu/digests';
import { THEMES } from '@hokenshitsu/reference';
import { seedConsultations } from '../support/consultation-seed.js';
import { followBuild, login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';
const UUID = /[0-9a-f-]{36}/;

/** The staff side of releases: build progress, one-time build tokens, presets, audit in words, preview, publish confirmation. */
describe('release pages for city staff: building, checking and publishing', () => {
  let t: TestApp;
  let staff: { cookie: string; id: string };
  let manager: string;
  let form: { cookie: string; token: string; buildToken: string };

  const page = (path: string, cookie = staff.cookie) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, body: Record<string, string>) =>
    t.http.post(path).type('form').set('Accept', HTML).set('Cookie', form.cookie).send({ _csrf: form.token, ...body });
  const api = (path: string) => t.http.get(path).set('Cookie', staff.cookie).expect(200);
  const idOf = (location: string) => UUID.exec(location)![0];

  /** A fresh build form, as the page hands it out: its CSRF token and its one-time build token. */
  async function freshForm() {
    const res = await page('/staff/releases').expect(200);
    const csrf = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='));
    const cookie = csrf ? `${staff.cookie}; ${csrf.split(';')[0]}` : form.cookie;
    return {
      cookie,
      token: /name="_csrf" value="([^"]+)"/.exec(res.text)![1]!,
      buildToken: /name="build_token" value="([^"]+)"/.exec(res.text)![1]!,
    };
  }

  /** Builds through the page (progress page followed to the draft); answers the draft's id. */
  async function build(body: Record<string, string>): Promise<string> {
    const res = await post('/staff/releases', body).expect(303);
    expect(res.headers.location).toMatch(/^\/staff\/releases\/builds\/[0-9a-f-]{36}$/);
    return idOf(await followBuild(t, staff.cookie, res.headers.location!));
  }

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    const office = await signedInAs(t, 'city_staff');
    staff = office;
    const company = await registeredCompany(t, { verifiedBy: staff.cookie }); // manufacturing (E), 20–99
    manager = await login(t, company.managerEmail);
    // This suite owns the fiscal year 2041 (April 2041 to March 2042).
    await seedConsultations(t.app.get(DataSource), { clients: 400, periodStart: '2041-04-01', periodEnd: '2042-03-31', recordedBy: office.id, seed: 41 });
    form = await freshForm();
  }, 60_000);
  afterAll(() => t.close());

  it('offers fiscal-period presets and a one-time build token on the build form, and the script for long operations', async () => {
    const res = await page('/staff/releases').expect(200);
    expect(res.text).toContain('<form class="form" method="post" action="/staff/releases" novalidate data-long-operation="');
    expect(res.text).toMatch(/<input type="hidden" name="build_token" value="[0-9a-f-]{36}">/);
    expect(res.text).toContain('<select class="field__select" id="preset" name="preset"');
    expect(res.text).toContain('<option value="">その他の期間（開始日と終了日を入力）</option>');
    expect(res.text).toMatch(/<optgroup label="\d{4}年度">/);
    // The years that hold consultations are offered, this suite's included.
    expect(res.text).toContain('<option value="2041-q1" data-label="2041年度 第1四半期" data-start="2041-04-01" data-end="2041-06-30">');
    expect(res.text).toMatch(/<option value="\d{4}-q1" data-label="\d{4}年度 第1四半期" data-start="\d{4}-04-01" data-end="\d{4}-06-30">/);
    expect(res.text).toContain('<script src="/assets/long-operation.js" defer></script>');
    expect(res.text).toContain('<script src="/assets/period-presets.js" defer></script>');
    // Two visits, two tokens: only a resend of the same form is the same build.
    expect((await freshForm()).buildToken).not.toBe(form.buildToken);
    const script = await t.http.get('/assets/long-operation.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain("querySelectorAll('form[data-long-operation]')");
    const english = await page('/staff/releases?lang=en').expect(200);
    expect(english.text).toContain('<option value="">Other period (enter the first and last day)</option>');
    expect(english.text).toMatch(/<optgroup label="FY\d{4}">/);
  });

  it('computes the dates of a preset without script, names the release after it, and refuses an unknown preset by its field', async () => {
    const q1 = await build({ preset: '2041-q1', label: '' });
    const q1Release = (await api(`/api/v1/releases/${q1}`)).body;
    expect([q1Release.label, q1Release.period_start, q1Release.period_end]).toEqual(['2041年度 第1四半期', '2041-04-01', '2041-06-30']);

    // A typed name wins; the preset's dates win over typed ones (the select is the choice made).
    const q4 = await build({ preset: '2041-q4', label: `第4四半期 ${randomUUID().slice(0, 4)}`, period_start: '2041-01-01', period_end: '2041-01-02' });
    const q4Release = (await api(`/api/v1/releases/${q4}`)).body;
    expect([q4Release.period_start, q4Release.period_end]).toEqual(['2042-01-01', '2042-03-31']);
    expect(q4Release.label).toMatch(/^第4四半期 /);

    const bad = await post('/staff/releases', { preset: '2041-q7', label: 'x' }).expect(422);
    expect(bad.text).toContain('<a href="#preset">対象期間を一覧から選んでください</a>');
    expect(bad.text).toContain('id="preset-error"');
  }, 120_000);

  it('shows the build on a progress page that refreshes itself, with its stage, and leads to the draft', async () => {
    const label = `進み具合 ${randomUUID().slice(0, 6)}`;
    const res = await post('/staff/releases', { label, preset: '2041-h1' }).expect(303);
    const buildPath = res.headers.location!;
    const first = await page(buildPath);
    if (first.status === 200) {
      expect(first.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
      expect(first.text).toContain('<h1>公表案を作成しています</h1>');
      expect(first.text).toMatch(/<p class="build-progress__status" role="status" data-build-status>(作成の順番を待っています…|段階 [123] \/ 3：[^<]+…)<\/p>/);
      expect(first.text).toMatch(/<progress class="build-progress__bar" max="6" value="[0-6]"/);
      expect(first.text).toContain('秘匿処理と監査');
      expect(first.text).toContain(`<dd>${label}</dd>`);
    } else {
      expect(first.status).toBe(303); // already built on a fast machine
    }
    const status = await t.http.get(`${buildPath}/status`).set('Cookie', staff.cookie).expect(200);
    expect(status.body).toMatchObject({ id: idOf(buildPath), steps: 3 });
    expect(['queued', 'aggregating', 'protecting', 'storing', 'done']).toContain(status.body.stage);

    const location = await followBuild(t, staff.cookie, buildPath);
    expect(location).toMatch(/^\/staff\/releases\/[0-9a-f-]{36}\?done=created$/);
    const done = await t.http.get(`${buildPath}/status`).set('Cookie', staff.cookie).expect(200);
    expect(done.body).toMatchObject({ stage: 'done', step: 3, value: 6, max: 6, percent: 100, location });
    const show = await page(location).expect(200);
    expect(show.text).toContain(`公表案「${label}」を作成しました`);
    // The build page is staff-only, like the releases.
    await page(buildPath, manager).expect(403);
    await page('/staff/releases/builds/00000000-0000-4000-8000-000000000000').expect(404);
  }, 120_000);

  it('makes one draft of a form sent twice with the same token', async () => {
    const own = await freshForm();
    const label = `二重送信 ${randomUUID().slice(0, 6)}`;
    const send = () =>
      t.http.post('/staff/releases').type('form').set('Accept', HTML).set('Cookie', own.cookie)
        .send({ _csrf: own.token, build_token: own.buildToken, label, period_start: '2041-10-01', period_end: '2041-10-31' });
    const [a, b] = await Promise.all([send().expect(303), send().expect(303)]);
    expect(b.headers.location).toBe(a.headers.location);
    const again = await send().expect(303); // after the build, too
    expect(again.headers.location).toBe(a.headers.location);
    await followBuild(t, staff.cookie, a.headers.location!);
    const withLabel = (await api('/api/v1/releases')).body.filter((r: { label: string }) => r.label === label);
    expect(withLabel).toHaveLength(1);
    // A refused form keeps its token, so the corrected post is still the one build.
    const refused = await t.http.post('/staff/releases').type('form').set('Accept', HTML).set('Cookie', own.cookie)
      .send({ _csrf: own.token, build_token: 'b'.repeat(32), label: '', period_start: '', period_end: '' }).expect(422);
    expect(refused.text).toContain(`name="build_token" value="${'b'.repeat(32)}"`);
  }, 120_000);

  it('says what the audit found in plain words with units, the engine\'s terms only under 専門的な詳細', async () => {
    const id = await build({ label: `監査 ${randomUUID().slice(0, 6)}`, preset: '2041-fy' });
    const audit = (await api(`/api/v1/releases/${id}`)).body.audit;
    expect(audit.passed).toBe(true);
    expect(audit.suppressedCells).toBeGreaterThan(0);
    const show = await page(`/staff/releases/${id}`).expect(200);
    const section = /<section class="section" aria-labelledby="audit-heading">([\s\S]*?)<\/section>/.exec(show.text)![1]!;
    const [plain, technical] = section.split('<details class="disclosure" data-audit-details>') as [string, string];
    const n = (v: number) => v.toLocaleString('ja-JP');
    // The verdict first, then one figure per line, each with its reason.
    expect(plain.indexOf('data-audit="passed"')).toBeLessThan(plain.indexOf('data-audit-facts'));
    expect(plain).toContain('監査に合格しました。公表できます。');
    expect(plain).toContain(`公表する数値 ${n(audit.checkedCells)} 件のうち ${n(audit.suppressedCells)} 件を伏せました（人数が少なく個人が特定されるおそれがあるため）。`);
    expect(plain).toContain('公表する0以外の数値は、どれも 5 人以上の相談者を数えたものです。');
    expect(plain).toContain(`どの伏せた数値も、公表した数値からは ${n(audit.minIntervalWidth)} 人より狭い範囲に絞り込めません。`);
    expect(plain).toContain('基準に反する点は見つかりませんでした。');
    expect(plain.match(/<p class="audit-fact__why">/g)!.length).toBe(plain.match(/<p class="audit-fact__figure">/g)!.length);
    for (const term of ['線形計画法', '（k）', 'ε', 'small_published', String(audit.lpSolves)]) expect(plain).not.toContain(term);
    expect(technical).toContain('<summary>専門的な詳細</summary>');
    expect(technical).toContain(`線形計画法による推定の試行</dt><dd>${audit.lpSolves}</dd>`);
    expect(technical).toContain('最小人数（k）</dt><dd>5</dd>');

    const english = await page(`/staff/releases/${id}?lang=en`).expect(200);
    expect(english.text).toContain(`${audit.suppressedCells.toLocaleString('en-US')} of the ${audit.checkedCells.toLocaleString('en-US')} figures to publish are hidden (too few people: someone could be identified).`);
    expect(english.text).toContain('<summary>Technical details</summary>');
  }, 120_000);

  it("previews a draft as a manager would read it, and every scope's themes without a suppressed value", async () => {
    const id = await build({ label: `下書きの確認 ${randomUUID().slice(0, 6)}`, preset: '2041-h2' });
    expect((await api(`/api/v1/releases/${id}`)).body.status).toBe('draft');
    const expected = (await api(`/api/v1/releases/${id}/digest?industry=E&size_class=20-99`)).body;

    const res = await page(`/staff/releases/${id}?industry=E&size_class=20-99`).expect(200);
    expect(res.text).toContain('<option value="E" selected>製造業</option>');
    const frame = /<div class="preview-frame" data-preview="digest">([\s\S]*?)<\/section>\s*<\/div>/.exec(res.text)![1]!;
    // The manager's digest partial, one heading level down, with her figures.
    expect(frame).toContain(`<h3 id="digest-heading">集計の区分：${expected.scope.label_ja}</h3>`);
    expect(frame).toContain(`相談者数：${expected.clients}人`);
    for (const theme of expected.themes) expect(frame).toContain(`<td class="pattern__number">${theme.count}人</td>`);
    expect(frame).not.toContain('data-reason');

    const cells: { population: string; industry: string; size_class: string; dimension: string; category: string; count: number | null }[] = (await api(`/api/v1/releases/${id}/cells`)).body;
    const byKey = new Map(cells.map((c) => [`${c.population}|${c.industry}|${c.size_class}|${c.dimension}|${c.category}`, c.count]));
    const table = /<table class="table pattern scope-themes">([\s\S]*?)<\/table>/.exec(res.text)![1]!;
    const rows = [...table.matchAll(/<tr data-scope="([^"]+)">([\s\S]*?)<\/tr>/g)];
    // A new release is on the folded tables: 20 divisions + 2 sectors + all industries.
    expect(rows).toHaveLength(23 * 5 + 1);
    let hidden = 0;
    for (const [, scope, row] of rows) {
      const shown = [...row!.matchAll(/<td class="pattern__number[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
      const truth = [byKey.get(`${scope}|total|*`), ...THEMES.map((th) => byKey.get(`${scope}|theme|${th.code}`))];
      expect(shown).toHaveLength(truth.length);
      truth.forEach((count, i) => {
        if (count === null) hidden++;
        // A suppressed cell reads 非公表, never a number; a published one reads its figure (missing = 0).
        expect(shown[i]).toBe(count === null ? '非公表' : String(count ?? 0));
      });
    }
    expect(hidden).toBeGreaterThan(0);

    const bad = await page(`/staff/releases/${id}?industry=Z&size_class=20-99`).expect(400);
    expect(bad.text).toContain('<a href="#industry">業種を一覧から選んでください</a>');
    // Not for managers: the preview lives on a staff-only page.
    await page(`/staff/releases/${id}?industry=E&size_class=20-99`, manager).expect(403);
  }, 120_000);

  it('asks for confirmation before publishing; the confirmed post publishes and the page then says 公表済み', async () => {
    const label = `公表の確認 ${randomUUID().slice(0, 6)}`;
    const id = await build({ label, preset: '2041-q2' });
    const draft = await page(`/staff/releases/${id}`).expect(200);
    expect(draft.text).toContain('監査に合格しました。公表できます。');
    expect(draft.text).toContain(`<form method="get" action="/staff/releases/${id}/publish">`);

    const confirm = await page(`/staff/releases/${id}/publish`).expect(200);
    expect(confirm.text).toContain(`<h1>「${label}」を公表しますか？</h1>`);
    expect(confirm.text).toContain('公表は取り消せません。');
    expect(confirm.text).toContain('企業の担当者を含め、ログインしたすべての利用者');
    expect(confirm.text).toMatch(new RegExp(`<form class="confirm-form" method="post" action="/staff/releases/${id}/publish" data-long-operation="[^"]+">\\s*<input type="hidden" name="_csrf"`));
    expect(confirm.text).toContain('<button class="button" type="submit">公表する（取り消せません）</button>');
    expect(confirm.text).toContain(`<a class="button button--secondary" href="/staff/releases/${id}">公表しないで戻る</a>`);
    // Looking at the confirmation publishes nothing.
    expect((await api(`/api/v1/releases/${id}`)).body.status).toBe('draft');
    const english = await page(`/staff/releases/${id}/publish?lang=en`).expect(200);
    expect(english.text).toContain('Publishing cannot be undone.');

    const res = await post(`/staff/releases/${id}/publish`, {}).expect(303);
    expect(res.headers.location).toBe(`/staff/releases/${id}?done=published`);
    const done = await page(res.headers.location!).expect(200);
    expect(done.text).toMatch(/<div class="notice notice--success" role="status">\s*<p>「[^」]+」を公表しました。状態は「公表済み」です。<\/p>/);
    expect(done.text).toContain('<span class="badge badge--published">公表済み</span>');
    expect(done.text).toContain('監査に合格し、公表済みです。');
    expect(done.text).not.toContain('公表できます');
    expect(done.text).not.toContain(`action="/staff/releases/${id}/publish"`);
    // The confirmation page of a published release offers nothing to press.
    const after = await page(`/staff/releases/${id}/publish`).expect(200);
    expect(after.text).toContain('この統計はすでに公表されています。');
    expect(after.text).not.toContain(`action="/staff/releases/${id}/publish"`);
  }, 120_000);

  it('shows a build that was refused as a readable page with the refusal, and stops refreshing', async () => {
    const builds = t.app.get(ReleaseBuildsService);
    // A build whose input only the worker's run refuses (the page checks it before queueing).
    const [{ id }] = await t.app.get(DataSource).query(
      `INSERT INTO release_builds (requested_by, token, input) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [staff.id, randomUUID(), JSON.stringify({ label: '逆の期間', periodStart: '2041-05-01', periodEnd: '2041-04-01' })],
    );
    expect((await builds.run(id)).stage).toBe('failed');
    const res = await page(`/staff/releases/builds/${id}`).expect(200);
    expect(res.text).toContain('<h1>公表案を作成できませんでした</h1>');
    expect(res.text).toContain('<li>対象期間の終了日は開始日と同じか、それより後の日付にしてください</li>');
    expect(res.text).toContain('<p class="notice__detail" lang="en">period_end must not be before period_start</p>');
    expect(res.text).not.toContain('http-equiv="refresh"');
    expect((await t.http.get(`/staff/releases/builds/${id}/status`).set('Cookie', staff.cookie).expect(200)).body).toMatchObject({ stage: 'failed', location: `/staff/releases/builds/${id}` });
  });

  it('links the digests from the staff header, and user management for admins only', async () => {
    const staffHome = await page('/').expect(200);
    expect(staffHome.text).toMatch(/<nav class="site-nav"[\s\S]*<a href="\/digests">相談統計ダイジェスト<\/a>[\s\S]*<\/nav>/);
    expect(staffHome.text).not.toContain('href="/admin/users"');
    const admin = await signedInAs(t, 'admin');
    expect((await page('/', admin.cookie).expect(200)).text).toContain('<a href="/admin/users">ユーザー管理</a>');
  });
});
