/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OutboxService } from '@hokenshitsu/mail';
import { DESK, expectReadable, launchBrowser, PHONE, personPage, signIn, visit, checkPage } from '../support/browser.js';
import { seedConsultations } from '../support/consultation-seed.js';
import { createUser, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';


/** Each role's main path reads at a phone's width and at a desk's: no sideways scroll, no tiny text, axe-clean. */
describe('portal in the browser: every page reads on a phone (390 px) and on a desk (1280 px)', () => {
  let t: TestApp;
  let browser: Browser;
  let managerEmail: string;
  let releaseId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const staff = await signedInAs(t, 'city_staff');
    managerEmail = (await registeredCompany(t, { verifiedBy: staff.cookie })).managerEmail; // manufacturing, 20–99
    // This suite owns 2044 (others use 2024–2041). Few clients: most themes are withheld, as in a small city.
    await seedConsultations(t.app.get(DataSource), { clients: 260, periodStart: '2044-04-01', periodEnd: '2044-09-30', recordedBy: staff.id, seed: 44 });
    const built = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: `2044年度上期 ${Date.now() % 10000}`, period_start: '2044-04-01', period_end: '2044-09-30' });
    if (built.status !== 201) throw new Error(`release build: ${built.status} ${JSON.stringify(built.body)}`);
    releaseId = built.body.id;
    await t.http.post(`/api/v1/releases/${releaseId}/publish`).set('Cookie', staff.cookie).expect(200);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = checkPage;

  async function follow(page: Page, scope: 'main' | 'navigation', name: string): Promise<void> {
    const area = scope === 'main' ? page.getByRole('main') : page.getByRole('navigation', { name: 'メインメニュー' });
    await Promise.all([page.waitForNavigation(), area.getByRole('link', { name, exact: true }).click()]);
  }

  it('has a readability check that catches a page without viewport meta, a wide table, small text and a shrunken chart', async () => {
    const { page, close } = await personPage(browser, PHONE);
    const meta = '<meta name="viewport" content="width=device-width, initial-scale=1">';
    try {
      await page.setContent('<html><body><p>no viewport meta</p></body></html>');
      await expect(expectReadable(page)).rejects.toThrow(/no viewport meta: the page lays out 980 px wide on a 390 px screen/);
      await page.setContent(`<html><head>${meta}</head><body><table><tr><td style="min-width:600px">wide</td></tr></table></body></html>`);
      await expect(expectReadable(page)).rejects.toThrow(/the page is \d+ px wide on a 390 px screen: .*td/);
      await page.setContent(`<html><head>${meta}</head><body><p style="font-size:11px">small print</p></body></html>`);
      await expect(expectReadable(page)).rejects.toThrow(/text smaller than 12 px at p: 11.0 px "small print"/);
      // 14 px labels in a 650-unit drawing squeezed into 358 px: about 7.7 px on the screen.
      await page.setContent(`<html><head>${meta}</head><body><svg viewBox="0 0 650 100" width="358"><text x="0" y="20" style="font-size:14px">label</text></svg></body></html>`);
      await expect(expectReadable(page)).rejects.toThrow(/text smaller than 12 px at text: 7.7 px "label"/);
      await page.setContent(`<html><head>${meta}</head><body><div class="table-scroll" style="overflow-x:auto"><table><tr><td style="min-width:600px">scrolls in its box</td></tr></table></div></body></html>`);
      await expectReadable(page);
    } finally {
      await close();
    }
  });

  describe.each([PHONE, DESK])('at $width px', (viewport) => {
    it('a manager: home, then her digest', async () => {
      const { page, close } = await personPage(browser, viewport);
      try {
        await signIn(page, t.url, managerEmail);
        await check(page, 'manager-home');
        // Her header offers her digest.
        await follow(page, 'navigation', '相談統計ダイジェスト');
        expect(new URL(page.url()).pathname).toBe('/digests');
        await visit(page, `${t.url}/digests?release=${releaseId}`);
        await check(page, 'manager-digest');
        const chart = page.getByRole('img', { name: /で多い相談テーマ/ });
        expect(await chart.isVisible()).toBe(true);
        // The city-wide marker never covers a figure.
        const overlaps = await chart.evaluate((svg) => {
          const box = (e: Element) => e.getBoundingClientRect();
          const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          const values = [...svg.querySelectorAll('text.chart-value')].map(box);
          return [...svg.querySelectorAll('rect.chart-compare')].map(box).filter((m) => values.some((v) => hit(m, v))).length;
        });
        expect(overlaps).toBe(0);
        // What is published comes first; the withheld themes are one line, not one line each.
        expect(await page.locator('ul.digest__withheld, .digest__withheld li').count()).toBe(0);
        const withheld = page.locator('p.digest__withheld');
        if (await withheld.count()) expect(await withheld.textContent()).toMatch(/^このほか\d+件の相談テーマは、相談者が少なく/);
      } finally {
        await close();
      }
    }, 90_000);

    it('a counsellor: the consultations list, a new record, the import', async () => {
      const counsellor = await createUser(t, 'counsellor');
      const { page, close } = await personPage(browser, viewport);
      try {
        await signIn(page, t.url, counsellor.email);
        const nav = page.getByRole('navigation', { name: 'メインメニュー' });
        expect(await nav.getByRole('link').allTextContents()).toEqual(['ホーム', '相談記録', '相談を記録', 'CSVで一括登録']);
        await follow(page, 'navigation', '相談記録');
        await check(page, 'counsellor-list');
        await follow(page, 'navigation', '相談を記録');
        await check(page, 'counsellor-new');
        // The agency's controls: 24 px boxes, not the 13 px native ones.
        const box = await page.locator('input[type="radio"]').first().boundingBox();
        expect(box!.width).toBeGreaterThanOrEqual(24);
        expect(box!.width).toBeLessThanOrEqual(32);
        await follow(page, 'navigation', 'CSVで一括登録');
        await check(page, 'counsellor-import');
      } finally {
        await close();
      }
    }, 90_000);

    it('city staff: companies, releases, a release and the outbox', async () => {
      const staff = await createUser(t, 'city_staff');
      await registeredCompany(t); // at least one row waiting for her, with its forms
      // A long Japanese subject and a multi-line body: the outbox's widest content.
      const key = `layout.${viewport.width}.${Date.now()}`;
      await t.app.get(DataSource).transaction((m) => t.app.get(OutboxService).enqueue(m, {
        dedupeKey: key, kind: 'subsidy.deadline-reminder', to: 'jinji-tantou.kabushikigaisha-tesuto@example.jp',
        subject: '【旭川市】セルフ・キャリアドック補助金 実績報告の提出期限（令和8年12月25日）のお知らせ',
        text: '株式会社テスト製作所 ご担当者様\n\n実績報告の提出期限が近づいています。\nhttps://hokenshitsu.example.jp/subsidies/applications/0000000000000000000000000000000000000000',
      }));
      const { page, close } = await personPage(browser, viewport);
      try {
        await signIn(page, t.url, staff.email);
        const nav = page.getByRole('navigation', { name: 'メインメニュー' });
        expect(await nav.getByRole('link').allTextContents()).toEqual(['ホーム', '企業の登録確認', '補助金', '相談統計の公表', '相談統計ダイジェスト', 'レポート', 'レポートの助言', '相談記録', '送信メール']);
        await follow(page, 'navigation', '企業の登録確認');
        await check(page, 'staff-companies');
        await follow(page, 'navigation', '相談統計の公表');
        await check(page, 'staff-releases');
        await visit(page, `${t.url}/staff/releases/${releaseId}`);
        await check(page, 'staff-release');
        await follow(page, 'navigation', '送信メール');
        await check(page, 'staff-outbox');
      } finally {
        await close();
      }
    }, 90_000);

    it('an admin: home, with the users link', async () => {
      const admin = await createUser(t, 'admin');
      const { page, close } = await personPage(browser, viewport);
      try {
        await signIn(page, t.url, admin.email);
        await check(page, 'admin-home');
        const nav = page.getByRole('navigation', { name: 'メインメニュー' });
        expect(await nav.getByRole('link', { name: 'ユーザー管理' }).getAttribute('href')).toBe('/admin/users');
      } finally {
        await close();
      }
    }, 60_000);
  });

  describe('error pages are portal pages', () => {
    it('404: the header, Japanese first, English after the switch, readable on a phone', async () => {
      const { page, close } = await personPage(browser, PHONE);
      try {
        await signIn(page, t.url, managerEmail);
        expect(await visit(page, `${t.url}/nonexistent`)).toBe(404);
        await check(page, 'error-404-ja');
        expect(await page.locator('html').getAttribute('lang')).toBe('ja');
        expect(await page.getByRole('banner').textContent()).toContain(managerEmail);
        expect(await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).count()).toBe(1);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ページが見つかりません');
        expect(await page.getByRole('main').textContent()).toContain('アドレスが間違っているか');
        expect(await page.getByRole('main').textContent()).not.toContain('Cannot GET');
        expect(await page.getByRole('main').getByRole('link', { name: 'ホームへ戻る' }).getAttribute('href')).toBe('/');

        const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'English' }).click()]);
        expect(response?.status()).toBe(404);
        await check(page, 'error-404-en');
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
        expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).count()).toBe(1);
        expect(await page.getByRole('main').textContent()).toContain('The address may be wrong');
      } finally {
        await close();
      }
    }, 60_000);

    it('403: says whom the page is for and how to go on, in both languages', async () => {
      const { page, close } = await personPage(browser, PHONE);
      try {
        await signIn(page, t.url, managerEmail);
        expect(await visit(page, `${t.url}/staff/companies`)).toBe(403);
        await check(page, 'error-403-ja');
        expect(await page.locator('html').getAttribute('lang')).toBe('ja');
        expect(await page.getByRole('banner').textContent()).toContain(managerEmail);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('このページを表示する権限がありません');
        const main = (await page.getByRole('main').textContent()) ?? '';
        expect(main).toContain('このページはシステム管理者、市の担当職員のためのページです。');
        expect(main).toContain('現在は企業の担当者');
        expect(main).not.toContain('needs one of the roles');
        expect(await page.getByRole('button', { name: 'ログアウトして別のアカウントでログインする' }).count()).toBe(1);

        const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'English' }).click()]);
        expect(response?.status()).toBe(403);
        await check(page, 'error-403-en');
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You cannot open this page');
        expect(await page.getByRole('main').textContent()).toContain('This page is for administrator or city staff.');
      } finally {
        await close();
      }
    }, 60_000);

    it('404 for someone not signed in: the header offers sign-in', async () => {
      const { page, close } = await personPage(browser, PHONE);
      try {
        expect(await visit(page, `${t.url}/no/such/page`)).toBe(404);
        await check(page, 'error-404-visitor');
        expect(await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ログイン' }).count()).toBe(1);
        expect(await page.getByRole('main').getByRole('link', { name: 'ログインページへ' }).getAttribute('href')).toBe('/login');
      } finally {
        await close();
      }
    });
  });
});
