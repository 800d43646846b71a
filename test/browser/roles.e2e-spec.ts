import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, signIn, submit, visit, personPage } from '../support/browser.js';
import { createUser, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('portal in the browser: each role’s home page, language', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const pageFor = () => personPage(browser);

  it('has an accessibility check that catches a broken page', async () => {
    const { page, close } = await pageFor();
    try {
      await page.setContent('<html><body><input type="text"><a href="/x"></a></body></html>');
      await expect(expectAccessible(page)).rejects.toThrow(/\[critical\] label:[\s\S]*\[serious\] link-name/);
    } finally {
      await close();
    }
  });

  it.each(['admin', 'city_staff'] as const)('shows %s the company verification link', async (role) => {
    const user = await createUser(t, role);
    const { page, close } = await pageFor();
    try {
      await signIn(page, t.url, user.email);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      const main = page.getByRole('main');
      expect(await main.getByRole('heading', { level: 1 }).textContent()).toBe('ホーム');
      expect(await main.getByRole('link', { name: '企業の登録確認' }).getAttribute('href')).toBe('/staff/companies');
      expect(await main.textContent()).toContain('相談統計の公表');
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).toBe('page');
      expect(await page.getByRole('banner').textContent()).toContain(user.email);
    } finally {
      await close();
    }
  });

  it('shows a counsellor the consultations area and no staff links', async () => {
    const user = await createUser(t, 'counsellor');
    const { page, close } = await pageFor();
    try {
      await signIn(page, t.url, user.email);
      const main = page.getByRole('main');
      expect(await main.getByRole('link', { name: '相談記録' }).getAttribute('href')).toBe('/consultations');
      expect(await page.getByRole('link', { name: '企業の登録確認' }).count()).toBe(0);
      expect(await visit(page, `${t.url}/staff/companies`)).toBe(403);
    } finally {
      await close();
    }
  });

  it('shows a verified company’s manager her company, a pending one only her status', async () => {
    const staff = await signedInAs(t, 'city_staff');
    const verified = await registeredCompany(t, { verifiedBy: staff.cookie });
    const pending = await registeredCompany(t);
    const { page, close } = await pageFor();
    try {
      await signIn(page, t.url, verified.managerEmail);
      const main = page.getByRole('main');
      expect(await main.textContent()).toContain('貴社の登録は確認済みです');
      expect(await main.locator('dl').textContent()).toContain(verified.body.name);
      expect(await main.locator('dl').textContent()).toContain(verified.body.corporate_number);
      expect(await main.locator('dl').textContent()).toContain('製造業');
      await submit(page, 'ログアウト');
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.getByRole('status').textContent()).toContain('ログアウトしました');

      await signIn(page, t.url, pending.managerEmail);
      const text = (await page.getByRole('main').textContent()) ?? '';
      expect(text).toContain('市の担当職員が確認しています');
      expect(text).not.toContain(pending.body.name);
      expect(text).not.toContain(pending.body.corporate_number);
      expect(await page.getByRole('main').locator('dl').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('sends a signed-out visitor to sign in, then back where she was going', async () => {
    const user = await createUser(t, 'city_staff');
    const { page, close } = await pageFor();
    try {
      await visit(page, `${t.url}/staff/companies?status=verified`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.getByLabel('メールアドレス').fill(user.email);
      await page.getByLabel('パスワード').fill('correct-horse-battery');
      await submit(page, 'ログインする');
      expect(page.url()).toBe(`${t.url}/staff/companies?status=verified`);
    } finally {
      await close();
    }
  });

  it('switches to English from the header and keeps it', async () => {
    const user = await createUser(t, 'counsellor');
    const { page, close } = await pageFor();
    try {
      await visit(page, `${t.url}/login`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'English' }).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
      await page.getByLabel('Email address').fill(user.email);
      await page.getByLabel('Password').fill('correct-horse-battery');
      await submit(page, 'Sign in');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('main').textContent()).toContain('You are signed in as counsellor');
      expect(await page.getByRole('main').getByRole('link', { name: 'Consultation records' }).count()).toBe(1);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '日本語' }).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ホーム');
    } finally {
      await close();
    }
  });

  it('shows a wrong password above the form and keeps the email', async () => {
    const user = await createUser(t, 'counsellor');
    const { page, close } = await pageFor();
    try {
      await visit(page, `${t.url}/login`);
      await page.getByLabel('メールアドレス').fill(user.email);
      await page.getByLabel('パスワード').fill('not-the-password');
      await submit(page, 'ログインする');
      expect(await page.getByRole('alert').textContent()).toContain('メールアドレスまたはパスワードが正しくありません');
      expect(await page.getByLabel('メールアドレス').inputValue()).toBe(user.email);
      expect(await page.getByLabel('パスワード').inputValue()).toBe('');
      expect(await page.title()).toMatch(/^エラー: ログイン/);
    } finally {
      await close();
    }
  });
});
