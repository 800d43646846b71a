import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DESK, launchBrowser, PHONE, sessionPage, checkPage } from '../support/browser.js';
import { seedConsultations } from '../support/consultation-seed.js';
import { ownQueuePrefix } from '../support/reports.js';
import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';


/**
 * The release series page in Chromium at a phone's and a desk's width, in Japanese and English:
 * readable, axe-clean, and a draft's button leading to the computation's progress and then its two
 * figures. This suite owns the fiscal year 2048 and runs its own worker on its own queue prefix.
 */
describe('the release series page in the browser, at 390 and 1280 px', () => {
  let t: TestApp;
  let browser: Browser;
  let staff: { cookie: string; id: string };
  const drafts: Record<number, string> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true }), launchBrowser()]);
    staff = await signedInAs(t, 'city_staff');
    await seedConsultations(t.app.get(DataSource), { clients: 300, periodStart: '2048-04-01', periodEnd: '2049-03-31', recordedBy: staff.id, seed: 48 });
    const build = async (label: string, start: string, end: string) =>
      (await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label, period_start: start, period_end: end }).expect(201)).body.id as string;
    const q1 = await build('2048年度 第1四半期', '2048-04-01', '2048-06-30');
    await t.http.post(`/api/v1/releases/${q1}/publish`).set('Cookie', staff.cookie).expect(200);
    // One draft per width, so each width follows a computation from its button.
    drafts[PHONE.width] = await build('2048年度 第3四半期', '2048-10-01', '2048-12-31');
    drafts[DESK.width] = await build('2048年度 第4四半期', '2049-01-01', '2049-03-31');
    await build('2048年度', '2048-04-01', '2049-03-31');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = checkPage;

  it.each([PHONE, DESK])('at $width px: staff reach the series from the releases page, read it, and follow a draft\'s effect on the year', async (viewport) => {
    const { page, close } = await sessionPage(browser, t.url, staff.cookie, viewport);
    const label = viewport.width === PHONE.width ? '2048年度 第3四半期' : '2048年度 第4四半期';
    try {
      await page.goto(`${t.url}/staff/releases`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /^年度ごとの公表の一覧/ }).click()]);
      // The chooser: a GET form, the years that hold releases.
      await page.getByLabel('年度', { exact: true }).selectOption('2048');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '表示する' }).click()]);
      expect(new URL(page.url()).search).toBe('?fiscal_year=2048');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('年度ごとの公表の一覧');
      const table = page.getByRole('table');
      expect(await table.getByRole('row').count()).toBe(1 + 4);
      expect(await table.getByRole('rowheader').allTextContents()).toEqual([
        '2048年4月1日〜2048年6月30日',
        '2048年4月1日〜2049年3月31日',
        '2048年10月1日〜2048年12月31日',
        '2049年1月1日〜2049年3月31日',
      ]);
      expect(await table.getByText(/^公開 \d+\s\/\s\d+（\d+\.\d\s%）$/).count()).toBe(4);
      expect(await page.getByRole('heading', { level: 2, name: '「3k以上のセル」と、公表が年度の統計に与える影響' }).count()).toBe(1);
      await check(page, 'release-series');

      // Its name says which draft (the label is read out, not shown).
      const button = page.getByRole('button', { name: new RegExp(`^年度の統計への影響を計算する\\s*（${label}）$`) });
      expect(await button.count()).toBe(1);
      // Hold the progress page's polls until it has been looked at (the computation may take seconds only).
      let looked!: () => void;
      const lookedAt = new Promise<void>((r) => (looked = r));
      await page.route('**/status', async (route) => {
        await lookedAt;
        await route.continue();
      });
      // The api and the worker share this process: while the engine builds, the page's fonts wait, so only the document is awaited.
      await Promise.all([page.waitForURL(/\/staff\/release-series\/costs\/[0-9a-f-]{36}$/, { timeout: 60_000, waitUntil: 'domcontentloaded' }), button.click()]);
      // The progress page, as a release build's: a status line, a bar, the two builds.
      if ((await page.locator('[data-cost-status="done"]').count()) === 0) {
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('年度の統計への影響を計算しています');
        expect(await page.getByRole('progressbar').count()).toBe(1);
        expect(await page.locator('[data-build-status]').textContent()).toMatch(/計算の順番を待っています|段階 [12] \/ 2/);
        expect(await page.getByRole('listitem').filter({ hasText: '公表した場合の年度の統計を作る' }).count()).toBe(1);
        await check(page, 'release-series-progress');
      }
      looked();
      // The page's poll follows the worker and shows the result in place.
      await page.waitForSelector('[data-cost-status="done"]', { timeout: 120_000 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('年度の統計への影響');
      const summary = await page.locator('[data-cost-summary]').textContent();
      expect(summary).toMatch(/^この下書きを公開した場合 \/ 公開しない場合：年度の統計で3k以上のセルの公開 \d+\.\d\s% \/ \d+\.\d\s%$/);
      expect(await page.locator('[data-cost-effect]').textContent()).toMatch(/^この下書きを先に公表/);
      await check(page, 'release-series-result');

      await page.goto(`${page.url()}?lang=en`);
      expect(await page.locator('[data-cost-summary]').textContent()).toMatch(/^If this draft is published \/ if not: cells of 3k or more published in the year's statistics \d+\.\d\s% \/ \d+\.\d\s%$/);
      await check(page, 'release-series-result-en');

      // Back on the series, the draft now shows both figures instead of its button.
      await page.goto(`${t.url}/staff/release-series?fiscal_year=2048&lang=ja`);
      expect(await page.getByRole('button', { name: new RegExp(`^年度の統計への影響を計算する\\s*（${label}）$`) }).count()).toBe(0);
      expect(await page.getByRole('row').filter({ hasText: label }).getByText(/この下書きを公開した場合 \d+\.\d\s% \/ 公開しない場合 \d+\.\d\s%/).count()).toBe(1);
      await page.goto(`${t.url}/staff/release-series?fiscal_year=2048&lang=en`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Releases by fiscal year');
      expect(await page.getByRole('table').getByRole('rowheader').first().textContent()).toBe('1 Apr 2048 to 30 Jun 2048');
      await check(page, 'release-series-en');
      await page.goto(`${t.url}/staff/release-series?fiscal_year=2048&lang=ja`);
    } finally {
      await close();
    }
  }, 240_000);
});
