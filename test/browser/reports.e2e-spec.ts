/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DESK, launchBrowser, PHONE, sessionPage, checkPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { holdAdviceLock, ownQueuePrefix, reportWorld, type ReportWorld } from '../support/reports.js';


/**
 * The report pages in Chromium at a phone's and a desk's width: readable, axe-clean, and the digest
 * page's button following the report in place. No worker runs here, so a report stays queued; the
 * done state is set in the database. This suite owns FY2054.
 */
describe('report pages in the browser, at 390 and 1280 px', () => {
  let t: TestApp;
  let browser: Browser;
  let w: ReportWorld;
  /** A finished report (English) for the status page's done state. */
  let doneId: string;
  let release: () => Promise<void>;

  beforeAll(async () => {
    // The release's batch is counted under the current advice version: another suite saving advice meanwhile would empty it.
    release = await holdAdviceLock('shared');
    [t, browser] = await Promise.all([startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }), launchBrowser()]);
    w = await reportWorld(t, 2054);
    const asked = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry: 'E', size_class: '20-99', locale: 'en' }).expect(202);
    doneId = asked.body.id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(80_000, 0x20)]);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE reports SET status = 'done', progress = 100, bytes = $2, sha256 = $3, pages = 1, finished_at = now() WHERE id = $1`, [doneId, pdf.length, createHash('sha256').update(pdf).digest('hex')]);
    await db.query(`INSERT INTO report_pdfs (report_id, pdf) VALUES ($1, $2)`, [doneId, pdf]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await release?.();
  });

  /** A person's browser, signed in with the session the suite made for her. */
  const signedIn = (cookie: string, viewport: { width: number; height: number }) => sessionPage(browser, t.url, cookie, viewport);

  const check = checkPage;

  it.each([PHONE, DESK])('at $width px: the manager asks for her PDF from the digest page and follows it in place', async (viewport) => {
    const { page, close } = await signedIn(w.manager, viewport);
    try {
      const digest = `${t.url}/digests?release=${w.releaseId}`;
      await page.goto(digest);
      const button = page.getByRole('button', { name: 'PDF をダウンロード' });
      expect(await button.count()).toBe(1);
      await check(page, 'report-digest');

      await button.click();
      const status = page.locator('[data-report-status]');
      await page.waitForFunction(() => /作成中/.test(document.querySelector('[data-report-status]')?.textContent ?? ''));
      // In place: no navigation, the button held while the report is made, the bar and the words shown.
      expect(page.url()).toBe(digest);
      expect(await status.getAttribute('role')).toBe('status');
      expect(await status.textContent()).toBe('作成中… 順番を待っています');
      expect(await page.getByRole('progressbar', { name: 'PDFの作成状況' }).isVisible()).toBe(true);
      expect(await button.isDisabled()).toBe(true);
      // Still queued after several polls (no worker here): nothing else happens.
      await page.waitForTimeout(1600);
      expect(page.url()).toBe(digest);
      expect(await status.textContent()).toBe('作成中… 順番を待っています');
      await check(page, 'report-digest-working');

      // The status page of that report, waiting; then the finished one.
      const mine = (await t.http.get('/api/v1/reports').set('Cookie', w.manager).expect(200)).body as { id: string; status: string }[];
      const queued = mine.find((r) => r.status === 'queued')!;
      await page.goto(`${t.url}/reports/${queued.id}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('PDFレポートの作成状況');
      expect(await page.getByRole('status').first().textContent()).toBe('作成の順番を待っています。');
      await check(page, 'report-status-queued');
      await page.goto(`${t.url}/reports/${doneId}`);
      expect(await page.getByRole('link', { name: /^PDF をダウンロード（\d+ KB）$/ }).count()).toBe(1);
      await check(page, 'report-status-done');

      await Promise.all([page.waitForNavigation(), page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'レポート', exact: true }).click()]);
      expect(new URL(page.url()).pathname).toBe('/reports');
      // The header and her reports: at least two (another suite saving advice makes a new report of the same scope).
      expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(3);
      await check(page, 'report-list');
      await page.goto(`${t.url}/reports?lang=en`);
      await check(page, 'report-list-en');
    } finally {
      await close();
    }
  }, 120_000);

  it.each([PHONE, DESK])('at $width px: staff read the advice editor and a release\'s report PDFs', async (viewport) => {
    const { page, close } = await signedIn(w.staff.cookie, viewport);
    try {
      await page.goto(`${t.url}/staff/releases/${w.releaseId}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'レポートPDFの作成状況を見る' }).click()]);
      expect(await page.getByRole('status').first().textContent()).toMatch(/^レポートPDFの作成状況: \d+ \/ \d+ 件完了、失敗 0 件$/);
      await check(page, 'report-batch');

      await Promise.all([page.waitForNavigation(), page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'レポートの助言' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('レポートの助言の編集');
      const theme = page.getByRole('group', { name: '心身の健康・更年期' });
      expect([await theme.getByLabel('日本語').count(), await theme.getByLabel('English').count()]).toEqual([1, 1]);
      expect(await page.getByRole('group').count()).toBe(15);
      await check(page, 'report-advice');
    } finally {
      await close();
    }
  }, 120_000);
});
