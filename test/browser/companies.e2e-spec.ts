import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, signIn, submit, visit, personPage } from '../support/browser.js';
import { createUser, randomCorporateNumber, startTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';

/** What a person types into the registration form, by the fields' visible labels. */
async function fillRegistration(page: Page, form: { name: string; corporateNumber: string; industry: string; employees: string; address: string; email: string; password: string }) {
  await page.getByLabel('企業名').fill(form.name);
  await page.getByLabel('法人番号').fill(form.corporateNumber);
  await page.getByLabel('業種').selectOption(form.industry);
  await page.getByLabel('従業員数').fill(form.employees);
  await page.getByLabel('所在地').fill(form.address);
  await page.getByLabel('担当者のメールアドレス').fill(form.email);
  await page.getByLabel('パスワード').fill(form.password);
}

describe('portal in the browser: company registration and verification', () => {
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

  it('shows mistakes by their fields, keeps what was typed, then registers; staff verify it', async () => {
    const email = uniqueEmail('manager');
    const corporateNumber = randomCorporateNumber();
    const wrongCheckDigit = `${(Number(corporateNumber[0]) + 1) % 10}${corporateNumber.slice(1)}`;
    const name = `株式会社ブラウザ試験${corporateNumber.slice(-4)}`;
    const visitor = await pageFor();
    const page = visitor.page;
    try {
      await visit(page, `${t.url}/register`);
      await fillRegistration(page, { name, corporateNumber: wrongCheckDigit, industry: 'G', employees: '２５', address: '', email, password: 'short' });
      await submit(page, '登録を申請する');

      const summary = page.getByRole('alert');
      expect(await summary.getByRole('link').allTextContents()).toEqual([
        '法人番号が正しくありません。数字を確認してください',
        '所在地を入力してください',
        'パスワードは12文字以上で入力してください',
      ]);
      const corporate = page.getByLabel('法人番号');
      expect(await corporate.getAttribute('aria-invalid')).toBe('true');
      expect(await corporate.getAttribute('aria-describedby')).toBe('corporate_number-hint corporate_number-error');
      expect(await page.locator('#corporate_number-error').textContent()).toBe('法人番号が正しくありません。数字を確認してください');
      expect(await page.locator('#address-error').textContent()).toBe('所在地を入力してください');
      expect(await page.getByLabel('企業名').getAttribute('aria-invalid')).toBeNull();
      // What she typed is still there (full-width digits too); the password is not.
      expect(await page.getByLabel('企業名').inputValue()).toBe(name);
      expect(await corporate.inputValue()).toBe(wrongCheckDigit);
      expect(await page.getByLabel('業種').inputValue()).toBe('G');
      expect(await page.getByLabel('従業員数').inputValue()).toBe('２５');
      expect(await page.getByLabel('担当者のメールアドレス').inputValue()).toBe(email);
      expect(await page.getByLabel('パスワード').inputValue()).toBe('');
      // The summary's links lead to the fields.
      await summary.getByRole('link', { name: /所在地/ }).click();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('address');

      await corporate.fill(corporateNumber);
      await page.getByLabel('所在地').fill('北海道旭川市7条通10丁目');
      await page.getByLabel('パスワード').fill(TEST_PASSWORD);
      await submit(page, '登録を申請する');
      expect(new URL(page.url()).pathname).toBe('/register/complete');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('登録の申請を受け付けました');
      expect(await page.getByRole('main').textContent()).toContain('登録は確認待ちです');

      await signIn(page, t.url, email);
      expect(await page.getByRole('main').textContent()).toContain('市の担当職員が確認しています');
      expect(await page.getByRole('main').textContent()).not.toContain(name);
    } finally {
      await visitor.close();
    }

    const staff = await createUser(t, 'city_staff');
    const office = await pageFor();
    try {
      await signIn(office.page, t.url, staff.email);
      await Promise.all([office.page.waitForNavigation(), office.page.getByRole('main').getByRole('link', { name: '企業の登録確認' }).click()]);
      await expectAccessible(office.page);
      const row = office.page.getByRole('row').filter({ has: office.page.getByRole('rowheader', { name }) });
      expect(await row.textContent()).toContain(corporateNumber);
      expect(await row.textContent()).toContain('情報通信業');
      await Promise.all([office.page.waitForNavigation(), row.getByRole('button', { name: new RegExp(`^承認する\\s*: ${name}$`) }).click()]);
      await expectAccessible(office.page);
      expect(await office.page.getByRole('status').textContent()).toBe(`「${name}」を確認済みにしました。`);
      expect(await office.page.getByRole('rowheader', { name }).count()).toBe(0);
      await visit(office.page, `${t.url}/staff/companies?status=verified`);
      expect(await office.page.getByRole('rowheader', { name }).count()).toBe(1);
    } finally {
      await office.close();
    }

    const manager = await pageFor();
    try {
      await signIn(manager.page, t.url, email);
      const main = manager.page.getByRole('main');
      expect(await main.textContent()).toContain('貴社の登録は確認済みです');
      expect(await main.locator('dl').textContent()).toContain(name);
    } finally {
      await manager.close();
    }
  });

  it('lets staff reject a company with a reason, which its manager then reads', async () => {
    const visitor = await pageFor();
    const email = uniqueEmail('manager');
    const name = `有限会社却下試験${Date.now() % 10000}`;
    try {
      await visit(visitor.page, `${t.url}/register`);
      await fillRegistration(visitor.page, { name, corporateNumber: randomCorporateNumber(), industry: 'P', employees: '8', address: '旭川市', email, password: TEST_PASSWORD });
      await submit(visitor.page, '登録を申請する');
      expect(new URL(visitor.page.url()).pathname).toBe('/register/complete');
    } finally {
      await visitor.close();
    }

    const admin = await createUser(t, 'admin');
    const office = await pageFor();
    try {
      await signIn(office.page, t.url, admin.email);
      await visit(office.page, `${t.url}/staff/companies`);
      const row = office.page.getByRole('row').filter({ has: office.page.getByRole('rowheader', { name }) });
      await row.getByLabel('登録不可の理由（任意）').fill('所在地が市外のため');
      await Promise.all([office.page.waitForNavigation(), row.getByRole('button', { name: new RegExp(`^登録不可にする\\s*: ${name}$`) }).click()]);
      await expectAccessible(office.page);
      expect(await office.page.getByRole('status').textContent()).toBe(`「${name}」を登録不可にしました。`);
      await visit(office.page, `${t.url}/staff/companies?status=rejected`);
      const rejected = office.page.getByRole('row').filter({ has: office.page.getByRole('rowheader', { name }) });
      expect(await rejected.textContent()).toContain('理由：所在地が市外のため');
    } finally {
      await office.close();
    }

    const manager = await pageFor();
    try {
      await signIn(manager.page, t.url, email);
      const main = manager.page.getByRole('main');
      expect(await main.textContent()).toContain('受け付けられませんでした');
      expect(await main.locator('dl').textContent()).toContain('所在地が市外のため');
    } finally {
      await manager.close();
    }
  });

  it('shows a registered corporate number beside its field', async () => {
    const corporateNumber = randomCorporateNumber();
    const visitor = await pageFor();
    try {
      for (const [i, expected] of [[0, '/register/complete'], [1, '/register']] as const) {
        await visit(visitor.page, `${t.url}/register`);
        await fillRegistration(visitor.page, { name: `重複試験${i}`, corporateNumber, industry: 'D', employees: '3', address: '旭川市', email: uniqueEmail('dup'), password: TEST_PASSWORD });
        await submit(visitor.page, '登録を申請する');
        expect(new URL(visitor.page.url()).pathname).toBe(expected);
      }
      expect(await visitor.page.locator('#corporate_number-error').textContent()).toBe('この法人番号の企業はすでに登録されています');
      expect(await visitor.page.getByLabel('企業名').inputValue()).toBe('重複試験1');
    } finally {
      await visitor.close();
    }
  });
});
