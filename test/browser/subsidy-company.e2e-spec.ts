/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DESK, launchBrowser, PHONE, sessionPage, submit, checkPage } from '../support/browser.js';
import { login, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { attachQuote, completePlan, draftOf, subsidyWorld, type SubsidyWorld } from '../support/subsidy-company.js';

/** A full-page PNG of every page checked, to look at (not to compare). */
const shots = process.env.HKS_SCREENSHOTS;
/** This suite's fiscal year. */
const FY = 2081;

/**
 * The company manager's subsidy pages in Chromium at a phone's and a desk's width: she fills the
 * form and sees the subsidy and its rule as she types, finds her input after a reload, loses her
 * session mid-form and gets her input back after signing in again, submits; every page axe-clean
 * and without sideways scrolling.
 */
describe('subsidy pages for company managers in the browser, at 390 and 1280 px', () => {
  let t: TestApp;
  let browser: Browser;
  let w: SubsidyWorld;
  let db: DataSource;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    w = await subsidyWorld(t, FY);
    db = t.app.get(DataSource);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = (cookie: string, viewport: { width: number; height: number }) => sessionPage(browser, t.url, cookie, viewport);

  const check = checkPage;

  const row = async (id: string) => ((await db.query(`SELECT state, consultant_name, employees, requested_yen::int AS requested_yen FROM subsidy_applications WHERE id = $1`, [id])) as Record<string, unknown>[])[0]!;

  it.each([PHONE, DESK])('at $width px: she fills the form, sees the subsidy as she types, survives an expired session and submits', async (viewport) => {
    // Her own session per width: the expiry below ends every session she has.
    const { page, close } = await signedIn(await login(t, w.managerEmail), viewport);
    try {
      await page.goto(`${t.url}/subsidies`);
      await check(page, 'subsidy-list');
      // Other suites' programmes may be open too: she presses the button of this one.
      await Promise.all([page.waitForNavigation(), page.locator(`[data-program="${w.programId}"]`).getByRole('button', { name: '新しく申請する' }).click()]);
      const editUrl = page.url();
      const id = /applications\/([0-9a-f-]{36})\/edit$/.exec(editUrl)![1]!;
      await check(page, 'subsidy-edit-empty');

      await page.getByLabel('面談する従業員数').fill('5');
      await page.getByLabel('育児休業等から復職した従業員').check();
      await page.getByLabel('1人あたりの面談回数').fill('2');
      await page.getByLabel('1回あたりの面談時間（分）').fill('45');
      await page.getByLabel('1回あたりの費用（円・税込）').fill('16500');
      // The server's figures and rule lines, replacing "enter the figures" without a reload.
      await page.locator('[data-requested]', { hasText: '75,000 円' }).waitFor();
      expect(await page.locator('[data-eligible]').textContent()).toBe('150,000 円');
      expect(await page.locator('[data-rules] li').allTextContents()).toEqual(['1回あたりの費用は上限 15,000 円までが対象です → 15,000 円', '補助率 1/2 を掛けます → 75,000 円']);
      await page.locator('[data-save-status]', { hasText: /\d\d:\d\d に保存しました/ }).waitFor();
      expect(await page.locator('[data-save-status]').getAttribute('aria-live')).toBe('polite');
      // A smaller plan recomputes as she types.
      await page.getByLabel('1回あたりの費用（円・税込）').fill('9000');
      await page.locator('[data-requested]', { hasText: '45,000 円' }).waitFor();
      expect(await page.locator('[data-rules] li').allTextContents()).toEqual(['補助率 1/2 を掛けます → 45,000 円']);
      await page.locator('[data-save-status]', { hasText: /に保存しました/ }).waitFor();
      await check(page, 'subsidy-edit-figures');

      await page.reload();
      expect(await page.getByLabel('面談する従業員数').inputValue()).toBe('5');
      expect(await page.getByLabel('1回あたりの費用（円・税込）').inputValue()).toBe('9000');
      expect(await page.getByLabel('育児休業等から復職した従業員').isChecked()).toBe(true);
      expect(await page.locator('[data-requested]').textContent()).toBe('45,000 円');

      // Her session ends (expired, or signed out elsewhere) while she types.
      await db.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [w.managerEmail]);
      await page.getByLabel('キャリアコンサルタントの氏名').fill('山田 花子');
      const problem = page.getByRole('alert');
      await problem.filter({ hasText: 'ログインの有効期限が切れました。入力内容はこの端末に保存されています。ログインし直すと続きから再開できます。' }).waitFor();
      await page.getByLabel('キャリアコンサルタント登録番号').fill('16012345');
      await check(page, 'subsidy-edit-expired');
      // Where she is typing, the message is in view (the save bar stays at the bottom of the screen).
      await page.getByLabel('キャリアコンサルタント登録番号').scrollIntoViewIfNeeded();
      expect(await problem.isVisible()).toBe(true);
      expect(await page.evaluate(() => { const r = document.querySelector('[data-save-problem]')!.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
      if (shots) await page.screenshot({ path: `${shots}/subsidy-edit-expired-screen-${viewport.width}.png` });
      expect((await row(id)).consultant_name).toBeNull();

      await Promise.all([page.waitForURL(/\/login\?next=/), page.getByRole('link', { name: 'ログインし直す' }).click()]);
      await page.getByLabel('メールアドレス').fill(w.managerEmail);
      await page.getByLabel('パスワード').fill(TEST_PASSWORD);
      await submit(page, 'ログインする');
      expect(page.url()).toBe(editUrl);
      // Back on the form: what she typed while signed out is there, and saved.
      expect(await page.getByLabel('キャリアコンサルタントの氏名').inputValue()).toBe('山田 花子');
      expect(await page.getByLabel('キャリアコンサルタント登録番号').inputValue()).toBe('16012345');
      await page.locator('[data-save-status]', { hasText: '入力内容を復元し、保存しました' }).waitFor();
      expect(await row(id)).toMatchObject({ consultant_name: '山田 花子', employees: 5, requested_yen: 45_000 });

      await page.getByLabel('実施期間（開始）').fill(`${FY}-06-01`);
      await page.getByLabel('実施期間（終了）').fill(`${FY}-09-30`);
      await page.getByLabel(/補助金・助成金を受けていない/).check();
      // Submitting without the quote: the refusal beside the quote field.
      await submit(page, '申請する');
      expect(await page.locator('#quote-error').textContent()).toBe('見積書をアップロードしてください');
      await check(page, 'subsidy-edit-errors');

      await page.getByLabel('見積書のファイル').setInputFiles({ name: '見積書.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
      await submit(page, '見積書をアップロードする');
      expect(await page.getByRole('link', { name: '見積書.pdf' }).count()).toBe(1);
      await submit(page, '申請する');
      expect(page.url()).toBe(`${t.url}/subsidies/applications/${id}?done=submit`);
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('審査');
      expect((await row(id)).state).toBe('submitted');
      // Submitted: the copies this device kept of the form are gone.
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('hks-subsidy-draft:')));
      await check(page, 'subsidy-show-submitted');
    } finally {
      await close();
    }
  });

  it.each([PHONE, DESK])('at $width px: the returned form, her next actions and the withdrawal question read well', async (viewport) => {
    // Fresh sessions: the first test ended hers.
    const manager = await login(t, w.managerEmail);
    const world = { ...w, manager };
    const returned = await draftOf(t, world, completePlan(FY));
    await attachQuote(t, world, returned);
    await t.http.post(`/api/v1/subsidy-applications/${returned}/submit`).set('Cookie', manager).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${returned}/return`).set('Cookie', w.staff).send({
      comment: '見積書と申請書の単価が一致していません。', fields: [{ field: 'price_per_session_yen', comment: '見積書では1回15,000円です' }, { field: 'target', comment: '対象者を具体的に選んでください' }],
    }).expect(200);
    const approved = await draftOf(t, world, completePlan(FY));
    await attachQuote(t, world, approved);
    await t.http.post(`/api/v1/subsidy-applications/${approved}/submit`).set('Cookie', manager).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${approved}/approve`).set('Cookie', w.staff).send({ amount_yen: 75_000 }).expect(200);

    const { page, close } = await signedIn(manager, viewport);
    try {
      await page.goto(`${t.url}/subsidies/applications/${returned}/edit`);
      expect(await page.locator('#price_per_session_yen-returned').textContent()).toBe('市からのコメント: 見積書では1回15,000円です');
      await check(page, 'subsidy-edit-returned');
      await page.goto(`${t.url}/subsidies/applications/${approved}`);
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('実績報告');
      await check(page, 'subsidy-show-approved');
      await submit(page, '実績報告をする');
      expect(await page.locator('#sessions_held-error').textContent()).toBe('実施した面談回数を入力してください');
      await check(page, 'subsidy-show-report-errors');
      await page.goto(`${t.url}/subsidies/applications/${approved}/withdraw`);
      await check(page, 'subsidy-withdraw');
      await page.goto(`${t.url}/subsidies`);
      await check(page, 'subsidy-list-cards');
      await page.goto(`${t.url}/subsidies/applications/${approved}?lang=en`);
      expect(await page.locator('h1').textContent()).toBe('Where your application stands');
      await check(page, 'subsidy-show-approved-en');
    } finally {
      await close();
    }
  });
});
