import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, launchBrowser, signIn, submit, personPage } from '../support/browser.js';
import { seedConsultations } from '../support/consultation-seed.js';
import { createUser, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/** Follows a link inside the page's main content and checks the page it leads to. */
async function follow(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('main').getByRole('link', { name, exact: true }).click()]);
  await expectAccessible(page);
}

describe('portal in the browser: releases and digests', () => {
  let t: TestApp;
  let browser: Browser;
  let managerEmail: string;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({}, { worker: true }), launchBrowser()]);
    const staff = await signedInAs(t, 'city_staff');
    managerEmail = (await registeredCompany(t, { verifiedBy: staff.cookie })).managerEmail; // manufacturing, 20–99
    // This suite owns the year 2036, so no other suite's consultations fall in its period.
    await seedConsultations(t.app.get(DataSource), { clients: 500, periodStart: '2036-01-01', periodEnd: '2036-12-31', recordedBy: staff.id, seed: 36 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const pageFor = () => personPage(browser);

  it('lets staff build a release, check its suppression pattern and publish it; a manager reads the digest', async () => {
    const label = `2036年 年間 ${Date.now() % 100000}`;
    const staff = await createUser(t, 'city_staff');
    const office = await pageFor();
    let releaseId: string;
    try {
      const page = office.page;
      await signIn(page, t.url, staff.email);
      await follow(page, '相談統計の公表');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('相談統計の公表');

      // A mistake first: it comes back beside its field, with what was typed.
      await page.getByLabel('名称').fill(label);
      await page.getByLabel('対象期間の開始日').fill('2036-12-31');
      await page.getByLabel('対象期間の終了日').fill('2036-01-01');
      await submit(page, /^公表案を作成する/);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual(['対象期間の終了日は開始日と同じか、それより後の日付にしてください']);
      expect(await page.getByLabel('対象期間の終了日').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('名称').inputValue()).toBe(label);

      await page.getByLabel('対象期間の開始日').fill('2036-01-01');
      await page.getByLabel('対象期間の終了日').fill('2036-12-31');
      // Building a release runs the suppression and its LP audit: give it time on a busy 2-core machine.
      // The build runs in the worker: the button leads to its progress page, which follows it to the draft.
      await Promise.all([
        page.waitForURL(/\/staff\/releases\/[0-9a-f-]{36}\?done=created$/, { timeout: 120_000 }),
        page.getByRole('button', { name: /^公表案を作成する（数秒から数十秒かかります）$/ }).click(),
      ]);
      await expectAccessible(page);
      releaseId = /\/staff\/releases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(label);
      expect(await page.getByRole('status').textContent()).toContain(`公表案「${label}」を作成しました`);
      expect(await page.getByText('監査に合格しました。公表できます。').count()).toBe(1);

      const pattern = page.getByRole('table', { name: '業種 × 事業所規模の合計人数（秘匿のパターン）' });
      // 20 divisions, the folded tables' two sector margins (第一次・第二次産業, 第三次産業) and all industries.
      expect(await pattern.getByRole('rowheader').count()).toBe(23);
      expect(await pattern.getByRole('rowheader', { name: '第一次・第二次産業', exact: true }).count()).toBe(1);
      expect(await pattern.getByRole('columnheader').allTextContents()).toEqual(['業種', '小規模（1〜19人）', '20〜99人', '100〜299人', '300人以上', '全規模']);
      const everyone = pattern.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '全産業', exact: true }) });
      expect(Number((await everyone.getByRole('cell').last().textContent())?.trim())).toBeGreaterThan(100);
      expect(await pattern.getByText('一次：人数が基準未満').count()).toBeGreaterThan(0);

      await submit(page, 'この統計を公表する');
      // Publishing cannot be undone: the button leads to a confirmation page first.
      await submit(page, '公表する（取り消せません）');
      expect(await page.getByRole('status').textContent()).toContain(`「${label}」を公表しました。`);
      expect(await page.getByRole('button', { name: 'この統計を公表する' }).count()).toBe(0);
    } finally {
      await office.close();
    }

    const manager = await pageFor();
    try {
      const page = manager.page;
      await signIn(page, t.url, managerEmail);
      await follow(page, '相談統計ダイジェスト');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('相談統計ダイジェスト');
      // Her company's industry and size class are chosen for her; other suites may publish newer releases.
      expect(await page.getByLabel('業種').inputValue()).toBe('E');
      expect(await page.getByLabel('事業所規模').inputValue()).toBe('20-99');
      await page.getByLabel('公表分').selectOption(releaseId);
      await submit(page, '表示する');
      expect(new URL(page.url()).searchParams.get('release')).toBe(releaseId);

      // The chart's name is its title, then its description (every bar's figure as text).
      const chart = page.getByRole('img', { name: /^.+で多い相談テーマ（相談者に占める割合） .+: \d+%/ });
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.locator('rect.chart-bar').count()).toBeGreaterThan(1);
      expect(await chart.locator('text.chart-legend').allTextContents()).toEqual(['この区分', '市全体']);
      expect(await page.getByRole('heading', { level: 2, name: /^集計の区分：/ }).count()).toBe(1);
      const themes = page.getByRole('table', { name: /相談テーマ別の相談者の割合/ });
      expect(await themes.getByRole('row').count()).toBeGreaterThan(2);
      // Suppression reasons are for staff only.
      expect(await page.getByRole('main').textContent()).not.toMatch(/[一二]次：/);

      await page.getByText('個人情報の保護について').click();
      expect(await page.getByText('公表する0以外の数値は、すべて5人以上の相談者から集計しています。').isVisible()).toBe(true);
    } finally {
      await manager.close();
    }
  }, 240_000);
});
