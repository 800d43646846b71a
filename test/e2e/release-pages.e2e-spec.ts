import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedConsultations } from '../support/consultation-seed.js';
import { followBuild, login, registeredCompany, signedInAs, startTestApp, type TestApp, withFormToken } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';


describe('release and digest pages (server-rendered)', () => {
  let t: TestApp;
  let staff: string;
  let manager: string;
  let counsellor: string;
  let form: { cookie: string; token: string };
  let releaseId: string;
  const label = `2035年 2〜12月 ${randomUUID().slice(0, 6)}`;

  const page = (path: string, cookie: string) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, body: Record<string, string>) =>
    t.http.post(path).type('form').set('Accept', HTML).set('Cookie', form.cookie).send({ _csrf: form.token, ...body });

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    const office = await signedInAs(t, 'city_staff');
    staff = office.cookie;
    counsellor = (await signedInAs(t, 'counsellor')).cookie;
    const company = await registeredCompany(t, { verifiedBy: staff }); // manufacturing (E), 42 employees: 20–99
    manager = await login(t, company.managerEmail);
    // This suite owns the year 2035 (other suites: 2031, 2033, 2036); January stays empty on purpose.
    await seedConsultations(t.app.get(DataSource), { clients: 600, periodStart: '2035-02-01', periodEnd: '2035-12-31', recordedBy: office.id, seed: 35 });
    form = await withFormToken(t, staff, '/staff/releases');
  }, 60_000);
  afterAll(() => t.close());

  it('shows staff the releases page in Japanese, with the build form', async () => {
    const res = await page('/staff/releases', staff).expect(200);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain('<h1>相談統計の公表</h1>');
    expect(res.text).toContain('action="/staff/releases"');
    expect(res.text).toContain('公表案を作成する（数秒から数十秒かかります）');
    for (const id of ['label', 'period_start', 'period_end', 'k', 'mode', 'epsilon']) expect(res.text).toContain(`id="${id}"`);
  });

  it('refuses the releases pages to a manager and a counsellor (403)', async () => {
    for (const cookie of [manager, counsellor]) {
      await page('/staff/releases', cookie).expect(403);
      const own = await withFormToken(t, cookie, '/');
      await t.http.post('/staff/releases').type('form').set('Cookie', own.cookie)
        .send({ _csrf: own.token, label: 'x', period_start: '2035-02-01', period_end: '2035-02-28' }).expect(403);
    }
  });

  it('shows mistakes by their fields (422) and keeps what was typed', async () => {
    const res = await post('/staff/releases', { label: '  ', period_start: '2035-06-30', period_end: '2035-04-01', k: '1' }).expect(422);
    expect(res.text).toMatch(/<title>エラー: 相談統計の公表/);
    expect(res.text).toMatch(/<div class="error-summary" role="alert"/);
    expect([...res.text.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['label', 'period_end', 'k']);
    expect(res.text).toContain('<p class="field__error" id="label-error">名称を入力してください</p>');
    expect(res.text).toContain('<p class="field__error" id="period_end-error">対象期間の終了日は開始日と同じか、それより後の日付にしてください</p>');
    expect(res.text).toContain('<p class="field__error" id="k-error">最小人数（k）は2から100までの整数で入力してください</p>');
    expect(res.text).toContain('aria-describedby="period_end-hint period_end-error"');
    expect(res.text).toContain('value="2035-06-30"');
    expect(res.text).toContain('value="2035-04-01"');

    const dates = await post('/staff/releases', { label: 'x', period_start: '2035-13-01', period_end: '' }).expect(422);
    expect(dates.text).toContain('id="period_start-error">対象期間の開始日を「2035-04-01」の形式で入力してください');
    expect(dates.text).toContain('id="period_end-error">対象期間の終了日を入力してください');
    expect(dates.text).not.toContain('id="label-error"');
  });

  it('builds a release from the form and shows its audit and suppression pattern', async () => {
    const res = await post('/staff/releases', { label, period_start: '2035-02-01', period_end: '2035-12-31', k: '' }).expect(303);
    const location = await followBuild(t, staff, res.headers.location!);
    expect(location).toMatch(/^\/staff\/releases\/[0-9a-f-]{36}\?done=created$/);
    releaseId = location.slice('/staff/releases/'.length, location.indexOf('?'));

    const show = await page(location, staff).expect(200);
    expect(show.text).toContain(`公表案「${label}」を作成しました`);
    expect(show.text).toContain('下書き');
    expect(show.text).toContain('data-audit="passed"');
    expect(show.text).toContain('最小人数 5人、最小勤務先数 3社、1社の上限 60%');
    expect(show.text).toContain('公表する0以外の数値は、すべて5人以上の相談者から集計しています。');
    expect(show.text).toMatch(/秘匿したセルの割合<\/dt><dd>\d+\.\d%/);
    // The pattern: 20 divisions, the folded tables' 2 sectors and all industries, by 4 size classes and all sizes.
    const table = /<table class="table pattern" data-pattern="total">([\s\S]*?)<\/table>/.exec(show.text)![1]!;
    expect([...table.matchAll(/data-industry="([^"]+)"/g)].map((m) => m[1])).toEqual([
      ...'ABCDEFGHIJKLMNOPQRST'.split(''), 'primary_secondary', 'tertiary', '*',
    ]);
    expect(table.match(/<th scope="col"/g)).toHaveLength(6);
    expect(table).toContain('全産業');
    expect(table).toContain('全規模');
    expect(table).toMatch(/<span class="pattern__mark">秘匿<\/span><span class="pattern__reason" data-reason="min_count">一次：人数が基準未満<\/span>/);
    const allRow = /data-industry="\*">([\s\S]*?)<\/tr>/.exec(table)![1]!;
    const everyone = [...allRow.matchAll(/<td class="pattern__number">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(everyone).toHaveLength(5); // all industries: published in every size class
    expect(everyone[4]).toBeGreaterThan(100);
    expect(show.text).toContain(`action="/staff/releases/${releaseId}/publish"`);

    const english = await page(`${location}&lang=en`, staff).expect(200);
    expect(english.text).toContain('Every published non-zero figure counts at least 5 distinct clients.');
    expect(english.text).toContain('Suppression pattern (totals)');
  }, 60_000);

  it('publishes the release, confirms it, and refuses a second publication with a notice (409)', async () => {
    const res = await post(`/staff/releases/${releaseId}/publish`, {}).expect(303);
    expect(res.headers.location).toBe(`/staff/releases/${releaseId}?done=published`);
    const done = await page(res.headers.location!, staff).expect(200);
    expect(done.text).toContain(`「${label}」を公表しました。`);
    expect(done.text).toContain('公表済み');
    expect(done.text).not.toContain(`action="/staff/releases/${releaseId}/publish"`);
    const again = await post(`/staff/releases/${releaseId}/publish`, {}).expect(409);
    expect(again.text).toContain('この統計はすでに公表されています。');
    expect(again.text).toContain('data-pattern="total"');
    await page('/staff/releases/00000000-0000-4000-8000-000000000000', staff).expect(404);
  });

  it('shows a manager her digest with a chart, and nothing of a draft', async () => {
    const draftLabel = `DRAFT-ONLY-${randomUUID().slice(0, 8)}`;
    const built = await post('/staff/releases', { label: draftLabel, period_start: '2035-01-01', period_end: '2035-01-15' }).expect(303);
    const draftAt = await followBuild(t, staff, built.headers.location!);
    const draftId = draftAt.slice('/staff/releases/'.length, draftAt.indexOf('?'));
    expect((await page('/staff/releases', staff).expect(200)).text).toContain(draftLabel);

    const res = await page(`/digests?release=${releaseId}`, manager).expect(200);
    expect(res.text).toContain('<h1>相談統計ダイジェスト</h1>');
    expect(res.text).toContain(`<option value="${releaseId}" selected>${label}`);
    expect(res.text).toContain('<option value="E" selected>製造業</option>');
    expect(res.text).toContain('<option value="20-99" selected>20〜99人</option>');
    expect(res.text).toMatch(/<h2 id="digest-heading">集計の区分：[^<]+<\/h2>/);
    expect(res.text).toMatch(/相談者数：\d+人/);
    expect(res.text).toMatch(/<figure class="chart-figure"><svg [^>]*role="img"/);
    expect(res.text).toContain('class="chart-bar"');
    expect(res.text).toContain('市全体');
    expect(res.text).toMatch(/<td class="pattern__number">\d+%<\/td>/);
    expect(res.text).toContain('<details class="disclosure">');
    // No suppression reason and no draft, ever, on a manager's page.
    expect(res.text).not.toContain('data-reason');
    expect(res.text).not.toContain('一次：');
    for (const path of ['/digests', `/digests?release=${releaseId}`]) {
      const text = (await page(path, manager).expect(200)).text;
      expect(text).not.toContain(draftLabel);
      expect(text).not.toContain(draftId);
    }
    await page(`/digests?release=${draftId}`, manager).expect(404);
    // Staff read /digests as managers do: published releases only.
    expect((await page('/digests', staff).expect(200)).text).not.toContain(draftLabel);
    await page(`/digests?release=${draftId}`, staff).expect(404);

    const english = await page(`/digests?release=${releaseId}&lang=en`, manager).expect(200);
    expect(english.text).toContain('>City-wide</text>');
    expect(english.text).toContain('<option value="E" selected>Manufacturing</option>');
  }, 60_000);

  it('asks staff and counsellors to choose, and shows a wrong code by its field (400)', async () => {
    const prompt = await page(`/digests?release=${releaseId}`, counsellor).expect(200);
    expect(prompt.text).toContain('業種と事業所規模を選んで「表示する」を押してください。');
    expect(prompt.text).not.toContain('<svg');
    const chosen = await page(`/digests?release=${releaseId}&industry=P&size_class=1-19`, staff).expect(200);
    expect(chosen.text).toContain('<svg');
    expect(chosen.text).toContain('<option value="P" selected>');
    const bad = await page(`/digests?release=${releaseId}&industry=Z&size_class=20-99`, staff).expect(400);
    expect(bad.text).toContain('<a href="#industry">業種を一覧から選んでください</a>');
    expect(bad.text).toContain('id="industry-error"');
  });

  it('says so when a published release has no group to show', async () => {
    const built = await post('/staff/releases', { label: '2035年1月（相談なし）', period_start: '2035-01-16', period_end: '2035-01-31' }).expect(303);
    const emptyAt = await followBuild(t, staff, built.headers.location!);
    const emptyId = emptyAt.slice('/staff/releases/'.length, emptyAt.indexOf('?'));
    await post(`/staff/releases/${emptyId}/publish`, {}).expect(303);
    const res = await page(`/digests?release=${emptyId}`, manager).expect(200);
    expect(res.text).toContain('ダイジェストを表示できるだけの相談者がいる区分がありません');
    expect(res.text).not.toContain('<svg');
  }, 60_000);

  it('builds a differential-privacy draft from the form, refusing a bad epsilon and a period already published exactly', async () => {
    const bad = await post('/staff/releases', { label: 'DP', period_start: '2035-01-01', period_end: '2035-01-15', mode: 'differential_privacy', epsilon: '100' }).expect(422);
    expect(bad.text).toContain('id="epsilon-error"');
    expect(bad.text).toContain('εは0.01から10までの数で入力してください');
    expect(bad.text).toMatch(/<option value="differential_privacy" selected>/);
    const misplaced = await post('/staff/releases', { label: 'DP', period_start: '2035-01-01', period_end: '2035-01-15', epsilon: '0.5' }).expect(422);
    expect(misplaced.text).toContain('εは保護の方式で差分プライバシーを選んだときだけ指定できます');

    const mixed = await post('/staff/releases', { label: 'DP', period_start: '2035-02-01', period_end: '2035-12-31', mode: 'differential_privacy', epsilon: '1' }).expect(422);
    expect(mixed.text).toContain('id="mode-error"');
    expect(mixed.text).toContain('この期間には別の方式の統計がすでに公表されています');

    const built = await post('/staff/releases', { label: '2035年1月前半（差分プライバシー）', period_start: '2035-01-01', period_end: '2035-01-15', mode: 'differential_privacy', epsilon: '０．５' }).expect(303);
    const show = await page(await followBuild(t, staff, built.headers.location!), staff).expect(200);
    expect(show.text).toContain('差分プライバシー ε &#x3D; 0.5、1人あたり相談内容3件・相談経路2件まで');
    expect(show.text).toContain('離散ラプラス分布 尺度 126');
    expect(show.text).toContain('この公表 ε &#x3D; 0.5、期間が重なる公表との合計 ε &#x3D; 0.5');
    expect(show.text).toContain('この公表は差分プライバシー（ε &#x3D; 0.5）で保護しています。');
  }, 60_000);
});
