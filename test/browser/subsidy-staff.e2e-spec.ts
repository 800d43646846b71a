/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DESK, launchBrowser, PHONE, personPage, sessionPage, checkPage } from '../support/browser.js';
import { subsidyWorld, TINY_PDF, type SubsidyWorld } from '../support/subsidy-staff-world.js';
import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';


/**
 * A clerk's subsidy pages in Chromium at a phone's and a desk's width: readable without sideways
 * scrolling (tables scroll inside their container), axe-clean, and the review of an application
 * through its confirmation step moving the dashboard's gauge. This suite owns FY2087.
 */
describe('subsidy pages for city staff in the browser, at 390 and 1280 px', () => {
  let t: TestApp;
  let browser: Browser;
  let staff: string;
  let w: SubsidyWorld;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    staff = (await signedInAs(t, 'city_staff')).cookie;
    w = await subsidyWorld(t, staff, 2087);
    // A published case story, and one application returned and corrected (changes since the return).
    const told = await w.submitted();
    await t.http.post(`/api/v1/subsidy-applications/${told.id}/approve`).set('Cookie', staff).send({ amount_yen: 75_000 }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${told.id}/files?kind=invoice&name=invoice.pdf`).set('Cookie', told.manager).set('Content-Type', 'application/pdf').send(TINY_PDF);
    await t.http.post(`/api/v1/subsidy-applications/${told.id}/report`).set('Cookie', told.manager).send({ sessions_held: 10, actual_cost_yen: 150_000, case_story: '育児休業から復職した社員3名と、キャリアコンサルタントが1人2回面談しました。\n\n短時間勤務のまま責任ある仕事を任せる方法を一緒に考え、1名がリーダー職に応募しました。', publish_case_story: true }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${told.id}/case-story`).set('Cookie', staff).send({ decision: 'publish' }).expect(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signedIn = (viewport: { width: number; height: number }) => sessionPage(browser, t.url, staff, viewport);

  const check = checkPage;

  async function go(page: Page, path: string, name: string): Promise<void> {
    const response = await page.goto(`${t.url}${path}`);
    expect(response?.status()).toBe(200);
    await check(page, name);
  }

  const committed = (page: Page) => page.locator('[data-ledger="committed"]').first().textContent();

  it.each([PHONE, DESK])('at $width px: a clerk reviews and approves an application through the confirmation; the gauge moves', async (viewport) => {
    const a = await w.submitted();
    const { page, close } = await signedIn(viewport);
    try {
      await go(page, `/staff/subsidies?program=${w.programId}`, 'dashboard');
      const before = await committed(page);
      const meterBefore = Number(await page.locator('#budget-meter').getAttribute('value'));

      await page.getByRole('link', { name: '審査中' }).click();
      await page.waitForURL(/\/staff\/subsidies\/applications\?/);
      await check(page, 'queue');
      await Promise.all([page.waitForURL(new RegExp(a.id)), page.locator(`tr[data-application="${a.id}"] a`).click()]);
      await check(page, 'review');
      expect(await page.getByLabel('交付決定額（円）').inputValue()).toBe('75000');

      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '交付決定する（確認へ）' }).click()]);
      await check(page, 'confirm');
      expect(await page.getByText('以下の内容で交付決定します。よろしいですか？').isVisible()).toBe(true);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '交付決定する', exact: true }).click()]);
      await check(page, 'review-approved');
      expect(await page.getByRole('status').first().textContent()).toContain('交付決定しました。');

      await go(page, `/staff/subsidies?program=${w.programId}`, 'dashboard-after');
      expect(await committed(page)).not.toBe(before);
      expect(Number(await page.locator('#budget-meter').getAttribute('value'))).toBe(meterBefore + 75_000);
    } finally {
      await close();
    }
  }, 60_000);

  it.each([PHONE, DESK])('at $width px: the other pages read well and pass axe', async (viewport) => {
    const returned = await w.submitted();
    await t.http.post(`/api/v1/subsidy-applications/${returned.id}/return`).set('Cookie', staff).send({ comment: '単価を確認してください', fields: [{ field: 'price_per_session_yen', comment: '見積書と違います' }] }).expect(200);
    await t.http.patch(`/api/v1/subsidy-applications/${returned.id}`).set('Cookie', returned.manager).send({ price_per_session_yen: 12000 }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${returned.id}/submit`).set('Cookie', returned.manager).expect(200);
    const { page, close } = await signedIn(viewport);
    try {
      await go(page, `/staff/subsidies/applications/${returned.id}`, 'review-resubmitted');
      expect(await page.locator('[data-changes]').isVisible()).toBe(true);
      // A refused form: the error beside its field.
      await page.getByLabel('交付決定額（円）').fill('50000');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '交付決定する（確認へ）' }).click()]);
      expect(await page.locator('#approve-reason-error').textContent()).toBe('交付申請額より低くする理由を入力してください');
      await check(page, 'review-refused');
      await go(page, `/staff/subsidies/programs/${w.programId}`, 'program');
      await go(page, '/staff/subsidies/programs/new', 'program-new');
      await go(page, '/staff/subsidies/applications?state=', 'queue-all');
      const visitor = await personPage(browser, viewport);
      try {
        const response = await visitor.page.goto(`${t.url}/case-stories`);
        expect(response?.status()).toBe(200);
        expect(await visitor.page.getByText('1名がリーダー職に応募しました').isVisible()).toBe(true);
        await check(visitor.page, 'case-stories');
      } finally {
        await visitor.close();
      }
    } finally {
      await close();
    }
  }, 60_000);
});
