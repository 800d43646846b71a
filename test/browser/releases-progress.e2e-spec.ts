import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, launchBrowser, signIn, submit } from '../support/browser.js';
import { seedConsultations } from '../support/consultation-seed.js';
import { createUser, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/** HKS_SCREENSHOTS=<dir> keeps a full-page PNG of every page checked here, to look at by eye. */
const shots = process.env.HKS_SCREENSHOTS;

/** The page fits its width: nothing scrolls sideways except inside the focusable table regions. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // The tests are typed without the DOM library: reach the document through globalThis.
  const { scroll, client } = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(scroll).toBeLessThanOrEqual(client);
}

async function check(page: Page, name: string, width: number): Promise<void> {
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
}

describe('release build progress and publication in the browser, at 390 and 1280 px', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({}, { worker: true }), launchBrowser()]);
    const staff = await signedInAs(t, 'city_staff');
    // This suite owns the fiscal year 2046.
    await seedConsultations(t.app.get(DataSource), { clients: 400, periodStart: '2046-04-01', periodEnd: '2047-03-31', recordedBy: staff.id, seed: 46 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    [390, '2046-q1', '2046年度 第1四半期'],
    [1280, '2046-q2', '2046年度 第2四半期'],
  ])('at %i px: a preset fills the form, the build shows its progress once, and publishing asks first', async (width, preset, presetLabel) => {
    const staff = await createUser(t, 'city_staff');
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, t.url, staff.email);
      await page.goto(`${t.url}/staff/releases`);
      await check(page, 'releases-list', width);

      // The preset fills the dates and names the release (script); the server would compute them too.
      await page.getByLabel('対象期間', { exact: true }).selectOption(preset);
      expect(await page.getByLabel('名称').inputValue()).toBe(presetLabel);
      const quarter = preset.endsWith('q1') ? ['2046-04-01', '2046-06-30'] : ['2046-07-01', '2046-09-30'];
      expect([await page.getByLabel('対象期間の開始日').inputValue(), await page.getByLabel('対象期間の終了日').inputValue()]).toEqual(quarter);

      // Hold the post a moment so the pressed state can be seen: the button cannot be pressed twice.
      await page.route('**/staff/releases', async (route) => {
        if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 3000));
        await route.continue();
      });
      // Hold the progress page's first poll until it has been looked at (a quarter builds in seconds).
      let looked!: () => void;
      const lookedAt = new Promise<void>((r) => (looked = r));
      await page.route('**/status', async (route) => {
        await lookedAt;
        await route.continue();
      });
      const button = page.getByRole('button', { name: /^公表案を作成する/ });
      const navigated = page.waitForURL(/\/staff\/releases\/builds\/[0-9a-f-]{36}$/, { timeout: 30_000, waitUntil: 'domcontentloaded' });
      // Pressed twice in a row, in the page: Playwright drops the page's context as soon as the post
      // starts, so the page notes what it shows a moment later in sessionStorage for the next page.
      await button.evaluate((b: any) => {
        const form = b.form;
        const submits: boolean[] = [];
        form.addEventListener('submit', (e: any) => setTimeout(() => submits.push(e.defaultPrevented), 0));
        b.click();
        b.click();
        setTimeout(() => {
          const status = form.querySelector('[role="status"]');
          (globalThis as any).sessionStorage.setItem('pressed', JSON.stringify({
            busy: form.getAttribute('aria-busy'),
            disabled: b.disabled,
            status: status ? status.textContent : null,
            spinner: Boolean(form.querySelector('.long-operation__spinner')),
            submits,
          }));
        }, 50);
      });
      await navigated;
      const pressed = JSON.parse((await page.evaluate('sessionStorage.getItem("pressed")')) as string);
      expect(pressed).toEqual({ busy: 'true', disabled: true, status: '公表案の作成を受け付けています。しばらくお待ちください…', spinner: true, submits: [false, true] });
      await page.unroute('**/staff/releases');

      // The progress page: a heading, the stage in a status region, a progress bar, the steps.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('公表案を作成しています');
      expect(await page.getByRole('progressbar').count()).toBe(1);
      expect(await page.locator('[data-build-status]').textContent()).toMatch(/作成の順番を待っています|段階 [123] \/ 3/);
      expect(await page.getByRole('listitem').filter({ hasText: '秘匿処理と監査' }).count()).toBe(1);
      await check(page, 'build-progress', width);
      looked();
      await page.waitForURL(/\/staff\/releases\/[0-9a-f-]{36}\?done=created$/, { timeout: 120_000 });
      const releaseId = /\/staff\/releases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(presetLabel);
      expect(await page.getByText('監査に合格しました。公表できます。').count()).toBe(1);
      // The audit in words first; the engine's terms behind 専門的な詳細.
      expect(await page.getByText(/^公表する数値 [\d,]+ 件のうち/).isVisible()).toBe(true);
      expect(await page.getByText('線形計画法による推定の試行').isVisible()).toBe(false);
      await page.getByText('専門的な詳細', { exact: true }).click();
      expect(await page.getByText('線形計画法による推定の試行').isVisible()).toBe(true);

      // What a manager of a manufacturer with 20–99 staff would read of this draft.
      await page.getByLabel('業種', { exact: true }).selectOption('E');
      await page.getByLabel('事業所規模', { exact: true }).selectOption('20-99');
      await submit(page, 'ダイジェストを表示する');
      expect(await page.getByRole('heading', { level: 3, name: /^集計の区分：/ }).count()).toBe(1);
      await page.getByText(/^すべての区分の表を開く/).click();
      await check(page, 'release-preview', width);

      await submit(page, 'この統計を公表する');
      expect(new URL(page.url()).pathname).toBe(`/staff/releases/${releaseId}/publish`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`「${presetLabel}」を公表しますか？`);
      await check(page, 'publish-confirm', width);
      await submit(page, '公表する（取り消せません）');
      expect(await page.getByRole('status').first().textContent()).toContain(`「${presetLabel}」を公表しました。状態は「公表済み」です。`);
      expect(await page.getByText('公表できます').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'この統計を公表する' }).count()).toBe(0);
      await check(page, 'release-published', width);

      // Pressed twice, built once.
      const releases = (await t.http.get('/api/v1/releases').set('Cookie', (await signedInAs(t, 'city_staff')).cookie).expect(200)).body as { label: string }[];
      expect(releases.filter((r) => r.label === presetLabel)).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 240_000);

  it.each([390, 1280])('at %i px: the admin manages users on a page that fits', async (width) => {
    const admin = await createUser(t, 'admin');
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, t.url, admin.email);
      await Promise.all([page.waitForNavigation(), page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ユーザー管理' }).click()]);
      await check(page, 'users', width);
      await page.getByLabel('メールアドレス').fill(`browser-${width}-${Date.now()}@example.jp`);
      await page.getByLabel('役割').selectOption('counsellor');
      await submit(page, '利用者を作成する');
      expect(await page.locator('[data-generated-password]').textContent()).toMatch(/^\S{12,}$/);
      await check(page, 'users-created', width);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /^無効にする（browser-/ }).first().click()]);
      await check(page, 'user-deactivate', width);
      await submit(page, '無効にする');
      expect(await page.getByRole('status').first().textContent()).toContain('を無効にしました。');
    } finally {
      await context.close();
    }
  }, 120_000);
});
