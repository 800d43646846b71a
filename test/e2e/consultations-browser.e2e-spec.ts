import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { consultationCsv, consultationRows } from '../support/consultations-csv.js';
import { expectAccessible, launchBrowser, signIn, submit, visit } from '../support/browser.js';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('consultation pages in the browser (with an accessibility check on each)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const user = await createUser(t, 'counsellor');
    page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await signIn(page, t.url, user.email);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records a consultation through the form, by label, as a counsellor would', async () => {
    const ref = `B-${randomUUID().slice(0, 6)}`;
    expect(await visit(page, `${t.url}/consultations`)).toBe(200);
    await page.getByRole('main').getByRole('link', { name: '相談を記録する' }).click();
    await page.waitForURL(`${t.url}/consultations/new`);
    await expectAccessible(page);

    // First without themes: the error summary names the field and links to it.
    await page.getByLabel('クライアント番号（仮名）').fill(ref);
    await page.getByLabel('勤務先（法人番号または名称）').fill('株式会社かぐら食品');
    await page.getByLabel('正社員・正職員').check();
    await page.getByLabel('勤務先の業種').selectOption('E');
    await page.getByLabel('勤務先の従業員数').selectOption('100-299');
    await page.getByLabel('現在の勤務先での勤続年数').selectOption('3-10');
    await page.getByLabel('年代').selectOption('30-39');
    await page.getByLabel('対面').check();
    await page.getByLabel('相談時間（分）').fill('50');
    await submit(page, '記録する');
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['相談のテーマを1つ以上選んでください']);
    expect(await page.getByLabel('クライアント番号（仮名）').inputValue()).toBe(ref);

    await page.getByLabel('転職・キャリアチェンジ').check();
    await page.getByLabel('学び直し・資格・スキルアップ').check();
    await page.getByLabel('4').check();
    await submit(page, '記録する');
    expect(new URL(page.url()).pathname).toBe('/consultations');
    expect(await page.getByRole('status').textContent()).toBe('相談を1件記録しました。');

    await page.getByLabel('クライアント番号で探す').fill(ref);
    await submit(page, '表示する');
    const row = page.getByRole('row', { name: new RegExp(ref) });
    expect(await row.textContent()).toContain('転職・キャリアチェンジ、学び直し・資格・スキルアップ');
  });

  it('uploads a CSV file, shows its bad lines, then imports the corrected file', async () => {
    const tag = `BU${randomUUID().slice(0, 6)}`;
    const rows = [...consultationRows(30, { seed: 5 })].map((r, i) => ({ ...r, client_ref: `${tag}-${i}` }));
    expect(await visit(page, `${t.url}/consultations/import`)).toBe(200);
    await page.getByLabel('CSVファイル').setInputFiles({
      name: '相談記録.csv', mimeType: 'text/csv', buffer: Buffer.from(consultationCsv([...rows.slice(0, 29), { ...rows[29]!, channel: 'fax' }], { bom: true, eol: '\r\n' })),
    });
    await submit(page, '取り込む');
    expect(await page.getByRole('alert').textContent()).toContain('ファイルを取り込めませんでした');
    expect(await page.locator('tr[data-line]').count()).toBe(1);
    expect(await page.locator('tr[data-line="31"]').textContent()).toContain('channel');

    await page.getByLabel('CSVファイル').setInputFiles({ name: '相談記録.csv', mimeType: 'text/csv', buffer: Buffer.from(consultationCsv(rows, { bom: true })) });
    await submit(page, '取り込む');
    expect(await page.getByRole('status').textContent()).toBe('CSVファイルから30件の相談を登録しました。');
  });
});
