import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { THEMES } from '@hokenshitsu/reference';
import { startTestApp, type TestApp, withFormToken } from '../support/test-app.js';
import { holdAdviceLock, ownQueuePrefix, reportWorld, type ReportWorld } from '../support/reports.js';

const HTML = 'text/html,application/xhtml+xml';


/** The hidden inputs of the report form on a page, by name. */
function hiddenFields(html: string): Record<string, string> {
  const form = /<form class="report-request"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1], m[2]]));
}

/**
 * The report pages without a worker: reports stay queued, and the done and failed states are set
 * in the database as the worker would leave them. This suite owns FY2053.
 */
describe('report pages (server-rendered)', () => {
  let t: TestApp;
  let w: ReportWorld;
  let db: DataSource;
  let managerForm: { cookie: string; token: string };
  let staffForm: { cookie: string; token: string };
  let reportId: string;

  const page = (path: string, cookie: string) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, form: { cookie: string; token: string }, body: Record<string, string>) =>
    t.http.post(path).type('form').set('Accept', HTML).set('Cookie', form.cookie).send({ _csrf: form.token, ...body });
  const digestPath = () => `/digests?release=${w.releaseId}`;

  let release: () => Promise<void>;

  beforeAll(async () => {
    // It saves advice: the suites that count on the version standing still wait (see holdAdviceLock).
    release = await holdAdviceLock('exclusive');
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() });
    w = await reportWorld(t, 2053);
    db = t.app.get(DataSource);
    managerForm = await withFormToken(t, w.manager, digestPath());
    staffForm = await withFormToken(t, w.staff.cookie, '/staff/report-advice');
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await release?.();
  });

  /** What the worker leaves when it finishes: the row done and the PDF's bytes. */
  async function markDone(id: string, bytes: number): Promise<void> {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);
    await db.query(`UPDATE reports SET status = 'done', progress = 100, bytes = $2, sha256 = $3, pages = 1, finished_at = now() WHERE id = $1`, [id, pdf.length, createHash('sha256').update(pdf).digest('hex')]);
    await db.query(`INSERT INTO report_pdfs (report_id, pdf) VALUES ($1, $2)`, [id, pdf]);
  }

  it('offers the manager a PDF of her own scope under her digest, as a form that works without script', async () => {
    const res = await page(digestPath(), w.manager).expect(200);
    expect(res.text).toContain('<h2 id="report-heading">PDFレポート</h2>');
    expect(res.text).toMatch(/<form class="report-request" method="post" action="\/reports" data-report-request/);
    expect(res.text).toMatch(/<button class="button" type="submit">PDF をダウンロード<\/button>/);
    expect(hiddenFields(res.text)).toEqual({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'ja' });
    expect(res.text).toContain('data-text-rendering="作成中… {percent}%"');
    expect(res.text).toContain('role="status" aria-live="polite" data-report-status');
    expect(res.text).toContain('<script src="/assets/report-download.js" defer></script>');
    expect(res.text).toContain('<a href="/reports">レポート</a>');

    const english = await page(`${digestPath()}&lang=en`, w.manager).expect(200);
    expect(hiddenFields(english.text)).toEqual({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'en' });
    expect(english.text).toMatch(/type="submit">Download PDF<\/button>/);
    const script = await t.http.get('/assets/report-download.js').expect(200);
    expect(script.text).toContain('/api/v1/reports/');
  });

  it('shows the open subsidy\'s terms beside her digest, so that feedback leads to support', async () => {
    // FY 2099 belongs to this test: the newest open programme is the one shown.
    const programme = await t.http.post('/api/v1/subsidy-programs').set('Cookie', w.staff.cookie).send({
      fiscal_year: 2099, name: 'テスト用キャリアドック補助金', budget_yen: 500_000, rate_numerator: 2, rate_denominator: 3, cap_per_company_yen: 200_000,
      max_price_per_session_yen: 12_000, min_minutes_per_session: 40, max_sessions_per_employee: 2, rounding_yen: 1, opens_on: '2099-04-01', closes_on: '2099-06-30',
    }).expect(201);
    const before = await page(digestPath(), w.manager).expect(200);
    expect(before.text).not.toContain('テスト用キャリアドック補助金');
    await db.query(`UPDATE subsidy_programs SET opens_on = current_date - 1, closes_on = current_date + 1 WHERE id = $1`, [programme.body.id]);
    const res = await page(digestPath(), w.manager).expect(200);
    expect(res.text).toContain('<h2 id="employer-support-heading">市の支援：テスト用キャリアドック補助金</h2>');
    expect(res.text).toContain('3分の2');
    expect(res.text).toContain('1回12,000円まで、従業員1人あたり2回まで');
    expect(res.text).toContain('今年度の予算にはまだ残りがあります。');
    expect(res.text).toContain('<a href="/subsidies">');
    const english = await page(`${digestPath()}&lang=en`, w.manager).expect(200);
    expect(english.text).toContain('The city pays 2/3 (67%)');
    await db.query(`UPDATE subsidy_programs SET opens_on = '2099-04-01', closes_on = '2099-06-30' WHERE id = $1`, [programme.body.id]);
  });

  it('asks for the report from the form (303) and shows its status page, reloading itself while it waits', async () => {
    const res = await post('/reports', managerForm, { release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'ja' }).expect(303);
    expect(res.headers.location).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    reportId = res.headers.location!.slice('/reports/'.length);

    const show = await page(res.headers.location!, w.manager).expect(200);
    expect(show.text).toContain('<h1>PDFレポートの作成状況</h1>');
    expect(show.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(show.text).toContain('<dd>製造業・20〜99人</dd>');
    expect(show.text).toContain('<dd>日本語</dd>');
    expect(show.text).toContain('<dd data-report-state="queued">順番待ち</dd>');
    expect(show.text).toContain('作成の順番を待っています。');
    expect(show.text).toMatch(/<progress class="build-progress__bar" max="100" aria-labelledby="progress-heading"/);
    expect(show.text).toContain(`data-report-poll="/api/v1/reports/${reportId}"`);
    expect(show.text).not.toContain('/pdf"');

    // Rendering: the figure in words and on the bar.
    await db.query(`UPDATE reports SET status = 'rendering', progress = 40 WHERE id = $1`, [reportId]);
    const rendering = await page(res.headers.location!, w.manager).expect(200);
    expect(rendering.text).toContain('作成中… 40%');
    expect(rendering.text).toContain('value="40"');
  });

  it('refuses a tampered form by its field and another release\'s draft as not found', async () => {
    await post('/reports', managerForm, { release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'fr' }).expect(422);
    await post('/reports', managerForm, { release_id: w.draftId, industry: 'E', size_class: '20-99', locale: 'ja' }).expect(404);
    await page('/reports/00000000-0000-4000-8000-000000000000', w.manager).expect(404);
    // Without the form token: refused before anything is asked.
    await t.http.post('/reports').type('form').set('Accept', HTML).set('Cookie', managerForm.cookie).send({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'ja' }).expect(403);
  });

  it('leads to the PDF with its size once done', async () => {
    await markDone(reportId, 126_000);
    const show = await page(`/reports/${reportId}`, w.manager).expect(200);
    expect(show.text).not.toContain('http-equiv="refresh"');
    expect(show.text).toContain(`<a class="button" href="/api/v1/reports/${reportId}/pdf" data-report-download>PDF をダウンロード（124 KB）</a>`);
    expect(show.text).toContain('<dd data-report-state="done">完成</dd>');
    const pdf = await t.http.get(`/api/v1/reports/${reportId}/pdf`).set('Cookie', w.manager).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const english = await page(`/reports/${reportId}?lang=en`, w.manager).expect(200);
    expect(english.text).toContain('<h1>Your PDF report</h1>');
    expect(english.text).toContain('Download PDF (124 KB)</a>');
    expect(english.text).toContain('<dd>Manufacturing, 20–99 employees</dd>');
  });

  it('says why a report failed and offers to ask again with the same fields', async () => {
    const res = await post('/reports', managerForm, { release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'en' }).expect(303);
    const id = res.headers.location!.slice('/reports/'.length);
    expect(id).not.toBe(reportId);
    await db.query(`UPDATE reports SET status = 'failed', error = 'rendering timed out after 60 s' WHERE id = $1`, [id]);
    const show = await page(`/reports/${id}`, w.manager).expect(200);
    expect(show.text).toContain('<h1>PDFレポートを作成できませんでした</h1>');
    expect(show.text).toContain('<p lang="en">rendering timed out after 60 s</p>');
    expect(show.text).not.toContain('http-equiv="refresh"');
    expect(hiddenFields(show.text)).toEqual({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'en' });
    expect(show.text).toContain('type="submit">もう一度作成を依頼する</button>');
    // Asked again: the same report, back in the queue.
    const again = await post('/reports', managerForm, hiddenFields(show.text)).expect(303);
    expect(again.headers.location).toBe(`/reports/${id}`);
    expect((await page(`/reports/${id}`, w.manager).expect(200)).text).toContain('<dd data-report-state="queued">順番待ち</dd>');
  });

  it('lists her reports with their state, a download link when done, and column names for the narrow layout', async () => {
    const res = await page('/reports', w.manager).expect(200);
    expect(res.text).toContain('<h1>これまでのレポート</h1>');
    expect(res.text).toContain('<a href="/reports" aria-current="page">レポート</a>');
    const rows = [...res.text.matchAll(/<tr data-report="([0-9a-f-]{36})">([\s\S]*?)<\/tr>/g)];
    const asked = (await t.http.get('/api/v1/reports').set('Cookie', w.manager).expect(200)).body as unknown[];
    expect(rows).toHaveLength(asked.length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const done = rows.find((r) => r[1] === reportId)![2]!;
    expect(done).toContain('<th scope="row">製造業・20〜99人</th>');
    expect(done).toContain('data-label="言語">日本語</td>');
    expect(done).toContain('<span class="badge badge--published">完成</span>');
    expect(done).toContain(`<a href="/api/v1/reports/${reportId}/pdf" aria-label="製造業・20〜99人のPDFをダウンロード（124 KB）">ダウンロード（124 KB）</a>`);
    expect(done).toMatch(/data-label="依頼日" class="table__nowrap">\d{4}年\d{1,2}月\d{1,2}日<\/td>/);
    expect(done).toMatch(/data-label="統計">2053年度 /);
    const queued = rows.find((r) => r[1] !== reportId)![2]!;
    expect(queued).toContain('data-label="言語">英語</td>');
    expect(queued).toMatch(/<a href="\/reports\/[0-9a-f-]{36}" aria-label="[^"]+">状況を見る<\/a>/);

    const english = await page('/reports?lang=en', w.manager).expect(200);
    expect(english.text).toContain('<h1>Your reports</h1>');
    expect(english.text).toContain(`<caption>Reports you asked for (${asked.length})</caption>`);
    // Someone who asked for nothing is told where to start.
    const staffList = await page('/reports', w.staff.cookie).expect(200);
    expect(staffList.text).toContain('まだレポートを依頼していません。');
  });

  it('shows staff how far a release\'s reports have got, linked from the release page', async () => {
    const release = await page(`/staff/releases/${w.releaseId}`, w.staff.cookie).expect(200);
    expect(release.text).toContain(`<a href="/staff/releases/${w.releaseId}/reports">レポートPDFの作成状況を見る</a>`);
    const draft = await page(`/staff/releases/${w.draftId}`, w.staff.cookie).expect(200);
    expect(draft.text).not.toContain(`/staff/releases/${w.draftId}/reports`);

    // Publishing recorded every scope in both languages (20 divisions × 4 sizes × 2) for the current
    // advice; the counts are the API's (another suite saving advice starts a new batch, so one is asked for here).
    await t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry: 'P', size_class: '100-299', locale: 'ja' }).expect(202);
    const b = (await t.http.get(`/api/v1/reports/batches/${w.releaseId}`).set('Cookie', w.staff.cookie).expect(200)).body;
    const res = await page(`/staff/releases/${w.releaseId}/reports`, w.staff.cookie).expect(200);
    expect(res.text).toContain('<h1>レポートPDFの作成状況</h1>');
    expect(res.text).toContain(`レポートPDFの作成状況: ${b.done} / ${b.total} 件完了、失敗 ${b.failed} 件`);
    expect(res.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(res.text).toContain(`data-batch-poll="/api/v1/reports/batches/${w.releaseId}"`);
    const english = await page(`/staff/releases/${w.releaseId}/reports?lang=en`, w.staff.cookie).expect(200);
    expect(english.text).toContain(`Report PDFs: ${b.done} / ${b.total} ready, ${b.failed} failed`);
  });

  it('refuses the staff pages to a manager (403)', async () => {
    await page('/staff/report-advice', w.manager).expect(403);
    await page(`/staff/releases/${w.releaseId}/reports`, w.manager).expect(403);
    await post('/staff/report-advice', managerForm, { version: '1' }).expect(403);
    const nav = await page('/reports', w.manager).expect(200);
    expect(nav.text).not.toContain('href="/staff/report-advice"');
  });

  describe('the advice editor', () => {
    /** The editor's form as it comes: every textarea's text by name, and the version it edits. */
    async function editor(): Promise<{ html: string; version: string; fields: Record<string, string> }> {
      const res = await page('/staff/report-advice', w.staff.cookie).expect(200);
      const fields = Object.fromEntries([...res.text.matchAll(/<textarea [^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => [m[1]!, decode(m[2]!)]));
      return { html: res.text, version: /name="version" value="(\d+)"/.exec(res.text)![1]!, fields };
    }

    it('shows every theme in both languages, prefilled, with the current version', async () => {
      const { html, version, fields } = await editor();
      expect(html).toContain('<h1>レポートの助言の編集</h1>');
      expect(html).toContain(`現在の版：第${version}版（`);
      expect(html.match(/<fieldset class="fieldset" data-theme=/g)).toHaveLength(THEMES.length);
      expect(Object.keys(fields)).toEqual(THEMES.flatMap((th) => [`ja_${th.code}`, `en_${th.code}`]));
      expect(html).toContain('<legend class="fieldset__legend--small">出産・育児と仕事の両立</legend>');
      expect(html).toContain('<label class="field__label" for="ja_health">日本語</label>');
      expect(html).toContain('<a href="/staff/report-advice" aria-current="page">レポートの助言</a>');
      expect(html).toContain(`<li data-version="${version}">`);
      const english = await page('/staff/report-advice?lang=en', w.staff.cookie).expect(200);
      expect(english.text).toContain('<h1>Advice in the reports</h1>');
      expect(english.text).toContain('<legend class="fieldset__legend--small">Childbirth, childcare and work</legend>');
    });

    it('names each half-written theme by its field (422) and keeps what was typed', async () => {
      const { version, fields } = await editor();
      const res = await post('/staff/report-advice', staffForm, { ...fields, version, ja_health: '更年期の相談窓口を案内しましょう。', en_health: '', en_caregiving: 'Offer caregiving leave.', ja_caregiving: ' ' }).expect(422);
      expect(res.text).toMatch(/<title>エラー: レポートの助言の編集/);
      expect([...res.text.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['ja_caregiving', 'en_health']);
      expect(res.text).toContain('<p class="field__error" id="en_health-error">「心身の健康・更年期」の英語を入力してください（もう一方の言語が書かれています）</p>');
      expect(res.text).toContain('<p class="field__error" id="ja_caregiving-error">「介護と仕事の両立」の日本語を入力してください（もう一方の言語が書かれています）</p>');
      expect(res.text).toContain('aria-describedby="advice-hint en_health-error" aria-invalid="true"');
      expect(res.text).toContain('>更年期の相談窓口を案内しましょう。</textarea>');
      expect(res.text).toContain(`name="version" value="${version}"`);
      const tooLong = await post('/staff/report-advice', staffForm, { ...fields, version, en_health: 'x'.repeat(601) }).expect(422);
      expect(tooLong.text).toContain('id="en_health-error">「心身の健康・更年期」の英語は600文字以内にしてください</p>');
    });

    it('saves a new version (303) with a notice, and refuses a save from the older version (409) on the form', async () => {
      const { version, fields } = await editor();
      const text = `従業員の健康相談の窓口を周知しましょう。${Date.now()}`;
      const res = await post('/staff/report-advice', staffForm, { ...fields, version, ja_health: text, en_health: 'Make the health consultation desk known to staff.' }).expect(303);
      const next = Number(version) + 1;
      expect(res.headers.location).toBe(`/staff/report-advice?saved=${next}`);
      const saved = await page(res.headers.location!, w.staff.cookie).expect(200);
      expect(saved.text).toContain(`第${next}版として保存しました。これから作成されるレポートに使われます。既存のレポートは変わりません。`);
      expect(saved.text).toContain(`name="version" value="${next}"`);
      expect(saved.text).toContain(`>${text}</textarea>`);
      expect(saved.text).toMatch(new RegExp(`<li data-version="${next}">第${next}版（[^<]+） <span class="badge badge--published">現在の版</span>`));

      const stale = await post('/staff/report-advice', staffForm, { ...fields, version, ja_health: 'あとから保存', en_health: 'Saved later' }).expect(409);
      expect(stale.text).toContain(`<li><a href="#advice-version">あなたが開いた後に、ほかの人が第${next}版を保存しました。最新の版を読み込み直してから編集してください</a></li>`);
      expect(stale.text).toContain('<p class="field__error" id="version-error">');
      expect(stale.text).toContain('>あとから保存</textarea>');
      expect(stale.text).toContain('<a href="/staff/report-advice">最新の版を読み込む（入力中の内容は失われます）</a>');
      const english = await post('/staff/report-advice?lang=en', staffForm, { ...fields, version, ja_health: 'x', en_health: 'y' }).expect(409);
      expect(english.text).toContain(`Someone saved version ${next} after you opened this page.`);
    });
  });
});

/** Handlebars escapes what it writes into a textarea. */
function decode(html: string): string {
  return html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
