/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DESK, expectAccessible, expectReadable, launchBrowser, PHONE, sessionPage, submit } from '../support/browser.js';
import { readPdf, ownQueuePrefix } from '../support/reports.js';
import { subsidyWorld, type SubsidyWorld } from '../support/subsidy-company.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** This suite's fiscal year. */
const FY = 2083;

/**
 * The "done when", in the browser, every step through the pages: she applies on her
 * phone, a clerk approves at her desk, she reports, the clerk confirms, she claims, the clerk
 * records the payment, and she downloads both notices; the ledger and the audit trail are checked
 * after every step. The worker runs in this process, so the notices are real PDFs.
 */
describe('the subsidy from application to payment, through the pages', () => {
  let t: TestApp;
  let browser: Browser;
  let w: SubsidyWorld;
  let db: DataSource;
  let company: { page: Page; close: () => Promise<void> };
  let clerk: { page: Page; close: () => Promise<void> };

  const signedIn = (cookie: string, viewport: { width: number; height: number }) => sessionPage(browser, t.url, cookie, viewport);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true }), launchBrowser()]);
    w = await subsidyWorld(t, FY);
    db = t.app.get(DataSource);
    company = await signedIn(w.manager, PHONE);
    clerk = await signedIn(w.staff, DESK);
  }, 120_000);
  afterAll(async () => {
    await company?.close();
    await clerk?.close();
    await browser?.close();
    await t?.close();
  });

  const ledger = async () => (await t.http.get(`/api/v1/subsidy-programs/${w.programId}/ledger`).set('Cookie', w.staff).expect(200)).body;
  const actions = async (id: string) => ((await t.http.get(`/api/v1/subsidy-applications/${id}/events`).set('Cookie', w.staff).expect(200)).body as { action: string }[]).map((e) => e.action);
  const state = async (id: string) => ((await db.query(`SELECT state FROM subsidy_applications WHERE id = $1`, [id])) as { state: string }[])[0]!.state;

  /** A clerk's decision on the review page: the action's button, then the confirmation step's final button. */
  async function decide(id: string, next: string, final: string): Promise<void> {
    const page = clerk.page;
    await page.goto(`${t.url}/staff/subsidies/applications/${id}`);
    await submit(page, next);
    await submit(page, new RegExp(`^${final}$`));
    await expectReadable(page);
  }

  it('walks every step in the pages, with the ledger and the audit trail right after each', async () => {
    // 交付申請, on her phone.
    const phone = company.page;
    await phone.goto(`${t.url}/subsidies`);
    await Promise.all([phone.waitForNavigation(), phone.locator(`[data-program="${w.programId}"]`).getByRole('button', { name: '新しく申請する' }).click()]);
    const id = /applications\/([0-9a-f-]{36})\/edit$/.exec(phone.url())![1]!;
    await phone.getByLabel('見積書のファイル').setInputFiles({ name: '見積書.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await submit(phone, '見積書をアップロードする');
    await phone.getByLabel('面談する従業員数').fill('5');
    await phone.getByLabel('育児休業等から復職した従業員').check();
    await phone.getByLabel('1人あたりの面談回数').fill('2');
    await phone.getByLabel('1回あたりの面談時間（分）').fill('45');
    await phone.getByLabel('1回あたりの費用（円・税込）').fill('16500');
    await phone.getByLabel('キャリアコンサルタントの氏名').fill('山田 花子');
    await phone.getByLabel('キャリアコンサルタント登録番号').fill('16012345');
    await phone.getByLabel('実施期間（開始）').fill(`${FY}-06-01`);
    await phone.getByLabel('実施期間（終了）').fill(`${FY}-09-30`);
    await phone.getByLabel(/補助金・助成金を受けていない/).check();
    await phone.locator('[data-requested]', { hasText: '75,000 円' }).waitFor();
    await submit(phone, '申請する');
    expect(phone.url()).toBe(`${t.url}/subsidies/applications/${id}?done=submit`);
    expect(await state(id)).toBe('submitted');
    expect(await ledger()).toMatchObject({ committed_yen: 0, available_yen: 1_000_000 });

    // 交付決定, at the clerk's desk, through the confirmation step.
    await decide(id, '交付決定する（確認へ）', '交付決定する');
    expect(await state(id)).toBe('approved');
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 75_000, confirmed_yen: 0, paid_yen: 0, available_yen: 925_000 });

    // 実績報告: the invoice, the sessions held and what they cost.
    await phone.goto(`${t.url}/subsidies/applications/${id}`);
    await phone.getByLabel('ファイル', { exact: true }).setInputFiles({ name: '請求書.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await submit(phone, '書類をアップロードする');
    await phone.getByLabel('実施した面談回数').fill('10');
    await phone.getByLabel('実際にかかった費用（円）').fill('150000');
    await submit(phone, '実績報告をする');
    expect(await state(id)).toBe('reported');

    // 額の確定: 10 × 15,000 × 1/2 = 75,000, all of the approved amount.
    await decide(id, '額を確定する（確認へ）', '額を確定する');
    expect(await state(id)).toBe('confirmed');
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 0, confirmed_yen: 75_000, paid_yen: 0, available_yen: 925_000 });

    // 交付請求.
    await phone.goto(`${t.url}/subsidies/applications/${id}`);
    await phone.getByLabel('金融機関名').fill('北洋銀行');
    await phone.getByLabel('支店名').fill('旭川中央支店');
    await phone.getByLabel('普通').check();
    await phone.getByLabel('口座番号（7桁）').fill('1234567');
    await phone.getByLabel('口座名義（カタカナ）').fill('カ）テストセイサクシヨ');
    await submit(phone, '交付請求をする');
    expect(await state(id)).toBe('claimed');

    // 支払 (the date defaults to today).
    await decide(id, '支払を記録する（確認へ）', '支払を記録する');
    expect(await state(id)).toBe('paid');
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 0, confirmed_yen: 0, paid_yen: 75_000, available_yen: 925_000 });

    // The audit trail: every transition once, in order (saves and uploads between them).
    const trail = (await actions(id)).filter((a) => !['save', 'upload'].includes(a));
    expect(trail).toEqual(['create', 'submit', 'approve', 'report', 'confirm', 'claim', 'pay']);

    // Both notices, from her page, once the worker has made them.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const notices = (await t.http.get(`/api/v1/subsidy-applications/${id}/notices`).set('Cookie', w.manager).expect(200)).body as { status: string }[];
      if (notices.length === 2 && notices.every((n) => n.status === 'done')) break;
      if (Date.now() > deadline) throw new Error(`notices not rendered: ${JSON.stringify(notices)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    await phone.goto(`${t.url}/subsidies/applications/${id}`);
    await expectAccessible(phone);
    for (const [name, title] of [['交付決定通知書', '交付決定通知書'], ['額確定通知書', '額確定通知書']] as const) {
      const link = phone.getByRole('link', { name: new RegExp(name) });
      const href = await link.getAttribute('href');
      const [download] = await Promise.all([phone.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toContain(name);
      const pdf = await phone.request.get(`${t.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const { text } = readPdf(Buffer.from(await pdf.body()), `${title}.pdf`);
      expect(text).toContain(title);
      expect(text).toMatch(/金\s*75,000\s*円/);
    }
  }, 240_000);
});
