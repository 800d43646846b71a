import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { tokyoDate } from '@hokenshitsu/core';
import { BrowserPool } from '@hokenshitsu/reports';
import { subsidyJobIds, warekiDate } from '@hokenshitsu/subsidies';
import { readPdf } from '../support/reports.js';
import { login, registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Official notices end to end: an application driven through the API to 交付決定, 不交付決定 and
 * 額確定, each notice rendered by the worker (booted in process) and read back with poppler.
 * Fiscal year 2060 is this suite's (notice numbers count per fiscal year).
 */
const FY = 2060;
const QUOTE = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** pdftotext breaks lines where the page does, also inside a Japanese sentence: compare without whitespace. */
const expectText = (text: string, wanted: string) => expect(text.replace(/\s+/g, '')).toContain(wanted.replace(/\s+/g, ''));

interface Notice { id: string; kind: string; number: string; issued_on: string; status: string; pdf_url: string | null }

describe('subsidy notices (交付決定・不交付決定・額確定通知書)', () => {
  let t: TestApp;
  let staff: string;
  let managerA: string;
  let managerB: string;
  let companyAName: string;
  let programId: string;
  const today = tokyoDate(new Date());
  // One application of company A goes from approval to confirmation; one of company B is rejected.
  let approvedId: string;
  let rejectedId: string;
  const notices: Record<string, Notice> = {};

  const pdfOf = async (url: string, cookie: string, expectStatus = 200) => {
    const res = await t.http.get(url).set('Cookie', cookie).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(expectStatus);
    return res;
  };

  const apply = async (manager: string): Promise<{ id: string; requested: number }> => {
    const draft = await t.http.post('/api/v1/subsidy-applications').set('Cookie', manager).send({
      program_id: programId, employees: 4, target: 'all_women', sessions_per_employee: 2, minutes_per_session: 45,
      price_per_session_yen: 15000, consultant_name: '山田 花子', consultant_registration_no: '16012345',
      period_start: `${FY}-06-01`, period_end: `${FY}-12-31`, no_other_subsidy: true,
    }).expect(201);
    await t.http.post(`/api/v1/subsidy-applications/${draft.body.id}/files?kind=quote&name=quote.pdf`).set('Cookie', manager).set('Content-Type', 'application/pdf').send(QUOTE).expect(201);
    await t.http.post(`/api/v1/subsidy-applications/${draft.body.id}/submit`).set('Cookie', manager).expect(200);
    return { id: draft.body.id, requested: draft.body.requested_yen };
  };

  /** The application's notices once the worker has rendered the one of this kind. */
  const renderedNotice = async (applicationId: string, kind: string, cookie: string): Promise<Notice> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const list: Notice[] = (await t.http.get(`/api/v1/subsidy-applications/${applicationId}/notices`).set('Cookie', cookie).expect(200)).body;
      const n = list.find((x) => x.kind === kind);
      if (n?.status === 'done') return n;
      if (n?.status === 'failed') throw new Error(`notice ${n.number} failed to render`);
      if (Date.now() > deadline) throw new Error(`no ${kind} notice rendered: ${JSON.stringify(list)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  /** A job's return value once the worker has completed it. */
  const finished = async (queue: Queue, jobId: string): Promise<unknown> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const job = await queue.getJob(jobId);
      const state = await job?.getState();
      if (state === 'completed') return job!.returnvalue;
      if (state === 'failed' || Date.now() > deadline) throw new Error(`job ${jobId} is ${state}: ${job?.failedReason ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const checkPdf = async (n: Notice, title: string) => {
    const res = await pdfOf(n.pdf_url!, n.kind === 'rejection' ? managerB : managerA);
    const pdf = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]!)).toBe(`${title}_${n.number}.pdf`);
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(pdf).digest('hex')}"`);
    const read = readPdf(pdf, n.kind);
    expect(read.tagged).toBe('yes');
    expect(read.raw).toMatch(/\/Lang \(ja\)/);
    expect(read.pageSize).toMatch(/^59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const fontLines = read.fonts.split('\n').slice(2).filter(Boolean);
    expect(fontLines.length).toBeGreaterThan(0);
    for (const line of fontLines) {
      expect(line).toMatch(/NotoSansJP/);
      expect(line).toMatch(/CID TrueType/);
      expect(line.split(/\s+/).slice(-5, -4)[0]).toBe('yes'); // emb
    }
    expectText(read.text, title);
    expectText(read.text, n.number);
    expectText(read.text, warekiDate(today));
    expectText(read.text, '旭川市長');
    return { pdf, read, etag: res.headers.etag as string };
  };

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    staff = (await signedInAs(t, 'city_staff')).cookie;
    const a = await registeredCompany(t, { verifiedBy: staff });
    const b = await registeredCompany(t, { verifiedBy: staff });
    managerA = await login(t, a.managerEmail);
    managerB = await login(t, b.managerEmail);
    companyAName = a.body.name;
    const program = await t.http.post('/api/v1/subsidy-programs').set('Cookie', staff).send({
      fiscal_year: FY, budget_yen: 5_000_000, rate_numerator: 1, rate_denominator: 2, cap_per_company_yen: 200_000,
      max_price_per_session_yen: 15_000, min_minutes_per_session: 30, max_sessions_per_employee: 3, rounding_yen: 1,
      opens_on: `${FY}-04-01`, closes_on: `${FY}-06-30`, notice_number_format: 'テスト第{n}号',
    }).expect(201);
    programId = program.body.id;
    // The window open today; the plan's period stays in the programme's fiscal year.
    await t.app.get(DataSource).query(`UPDATE subsidy_programs SET opens_on = current_date - 30, closes_on = current_date + 30 WHERE id = $1`, [programId]);
    const [approved, rejected] = await Promise.all([apply(managerA), apply(managerB)]);
    approvedId = approved.id;
    rejectedId = rejected.id;
    // Decisions one after the other: the numbers follow the order of issue.
    await t.http.post(`/api/v1/subsidy-applications/${approvedId}/approve`).set('Cookie', staff).send({ amount_yen: approved.requested }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${rejectedId}/reject`).set('Cookie', staff).send({ reason: '補助対象経費の見積書の内容が確認できないため' }).expect(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('renders the 交付決定通知書 with the programme\'s number, the 和暦 date, the company and the amount; tagged, ja, Noto Sans JP embedded; ETag answers 304', async () => {
    const n = await renderedNotice(approvedId, 'decision', managerA);
    notices.decision = n;
    expect(n).toEqual({ id: expect.any(String), kind: 'decision', number: 'テスト第1号', issued_on: today, status: 'done', pdf_url: `/api/v1/subsidy-notices/${n.id}/pdf` });
    const { read, etag } = await checkPdf(n, '交付決定通知書');
    expect(read.title).toBe('交付決定通知書（テスト第1号）');
    expectText(read.text, `${companyAName} 様`);
    expectText(read.text, '交付決定額 金60,000円');
    expectText(read.text, '下記のとおり交付することに決定したので通知します');
    expectText(read.text, `${warekiDate(`${FY}-06-01`)}から${warekiDate(`${FY}-12-31`)}まで`);
    expectText(read.text, '申請を取り下げることができます');
    await t.http.get(n.pdf_url!).set('Cookie', managerA).set('If-None-Match', etag).expect(304);
    // Staff read every company's notices.
    await pdfOf(n.pdf_url!, staff);
    // The worker rendered it: the api process holds no Chromium at all.
    expect(() => t.app.get(BrowserPool, { strict: false })).toThrow();
    expect(t.worker!.get(BrowserPool, { strict: false })).toBeInstanceOf(BrowserPool);
  });

  it('renders the 不交付決定通知書 next in the fiscal year, with the reason and the 教示', async () => {
    const n = await renderedNotice(rejectedId, 'rejection', managerB);
    notices.rejection = n;
    expect(n.number).toBe('テスト第2号');
    const { read } = await checkPdf(n, '不交付決定通知書');
    expectText(read.text, '補助対象経費の見積書の内容が確認できないため');
    expectText(read.text, '教示');
    expectText(read.text, '審査請求');
    expectText(read.text, '6か月以内');
  });

  it('renders the 額確定通知書 after the report and the confirmation, with the approved and confirmed amounts', async () => {
    await t.http.post(`/api/v1/subsidy-applications/${approvedId}/files?kind=invoice&name=invoice.pdf`).set('Cookie', managerA).set('Content-Type', 'application/pdf').send(QUOTE).expect(201);
    await t.http.post(`/api/v1/subsidy-applications/${approvedId}/report`).set('Cookie', managerA).send({ sessions_held: 6, actual_cost_yen: 90_000, publish_case_story: false }).expect(200);
    const confirmed = await t.http.post(`/api/v1/subsidy-applications/${approvedId}/confirm`).set('Cookie', staff).expect(200);
    const n = await renderedNotice(approvedId, 'confirmation', managerA);
    notices.confirmation = n;
    expect(n.number).toBe('テスト第3号');
    const { read } = await checkPdf(n, '額確定通知書');
    expect(confirmed.body.confirmed_yen).toBe(45_000);
    expectText(read.text, '交付決定額 金60,000円');
    expectText(read.text, '補助金の確定額 金45,000円');
    expectText(read.text, '実施した相談回数 6回');
    expectText(read.text, '金90,000円');
  });

  it('shows another company nothing: 404 on the list and on the PDF', async () => {
    await t.http.get(`/api/v1/subsidy-applications/${approvedId}/notices`).set('Cookie', managerB).expect(404);
    await t.http.get(`/api/v1/subsidy-notices/${notices.decision!.id}/pdf`).set('Cookie', managerB).expect(404);
    await t.http.get(`/api/v1/subsidy-notices/${notices.rejection!.id}/pdf`).set('Cookie', managerA).expect(404);
    await t.http.get('/api/v1/subsidy-notices/00000000-0000-4000-8000-000000000000/pdf').set('Cookie', staff).expect(404);
  });

  it('renders a notice once however often its job runs', async () => {
    const queue = t.worker!.get<Queue>(getQueueToken('subsidies'), { strict: false });
    const job = await queue.add('render-notice', { noticeId: notices.decision!.id }, { jobId: `again-${notices.decision!.id}` });
    expect(await finished(queue, job.id!)).toEqual({ noticeId: notices.decision!.id, rendered: false });
  });

  it('answers 409 while a notice is not rendered; the sweep queues a notice whose job never reached Redis', async () => {
    const db = t.app.get(DataSource);
    const queue = t.worker!.get<Queue>(getQueueToken('subsidies'), { strict: false });
    const id = notices.rejection!.id;
    // As if issued while Redis was down: queued for more than 30 s, no PDF, no job.
    await db.query(`DELETE FROM subsidy_notice_pdfs WHERE notice_id = $1`, [id]);
    await db.query(`UPDATE subsidy_notices SET status = 'queued', sha256 = NULL, bytes = NULL, created_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await (await queue.getJob(subsidyJobIds.renderNotice(id)))?.remove();
    const res = await t.http.get(`/api/v1/subsidy-notices/${id}/pdf`).set('Cookie', managerB).expect(409);
    expect(res.body.message).toMatch(/テスト第2号 is queued/);
    const sweep = await queue.add('sweep-notices', { trigger: 'schedule' });
    // Other suites of the run may hold queued notices too (their jobs exist, so queueing them adds nothing).
    expect(((await finished(queue, sweep.id!)) as { queued: number }).queued).toBeGreaterThanOrEqual(1);
    const again = await renderedNotice(rejectedId, 'rejection', managerB);
    expect(again.number).toBe('テスト第2号');
    await pdfOf(again.pdf_url!, managerB);
  });

  it('renders a failed notice again when staff ask, with the same number (409 unless failed, 403 for a manager)', async () => {
    const db = t.app.get(DataSource);
    const id = notices.rejection!.id;
    await t.http.post(`/api/v1/subsidy-notices/${id}/render`).set('Cookie', staff).expect(409);
    // As if every attempt had failed (the PDF never stored).
    await db.query(`DELETE FROM subsidy_notice_pdfs WHERE notice_id = $1`, [id]);
    await db.query(`UPDATE subsidy_notices SET status = 'failed', sha256 = NULL, bytes = NULL, error = 'Chromium crashed' WHERE id = $1`, [id]);
    await t.http.post(`/api/v1/subsidy-notices/${id}/render`).set('Cookie', managerB).expect(403);
    const res = await t.http.post(`/api/v1/subsidy-notices/${id}/render`).set('Cookie', staff).expect(202);
    expect(res.body).toMatchObject({ id, status: 'queued', number: 'テスト第2号' });
    const again = await renderedNotice(rejectedId, 'rejection', managerB);
    expect(again.number).toBe('テスト第2号');
    await pdfOf(again.pdf_url!, managerB);
  });

  it('lists every notice in the register for staff (403 for a manager), and exports it as CSV with BOM', async () => {
    const all = (await t.http.get(`/api/v1/subsidy-notices?program_id=${programId}`).set('Cookie', staff).expect(200)).body;
    expect(all.map((n: { number: string; kind: string }) => [n.number, n.kind])).toEqual([['テスト第1号', 'decision'], ['テスト第2号', 'rejection'], ['テスト第3号', 'confirmation']]);
    expect(all[0]).toMatchObject({ application_id: approvedId, program_id: programId, company_name: companyAName, amount_yen: 60_000, change: false, status: 'done' });
    expect(all[1].amount_yen).toBeNull();
    const rejections = (await t.http.get(`/api/v1/subsidy-notices?program_id=${programId}&kind=rejection`).set('Cookie', staff).expect(200)).body;
    expect(rejections.map((n: { number: string }) => n.number)).toEqual(['テスト第2号']);
    await t.http.get('/api/v1/subsidy-notices?kind=nope').set('Cookie', staff).expect(400);
    await t.http.get('/api/v1/subsidy-notices').set('Cookie', managerA).expect(403);
    await t.http.get(`/api/v1/subsidy-programs/${programId}/notices.csv`).set('Cookie', managerA).expect(403);

    const res = await t.http.get(`/api/v1/subsidy-programs/${programId}/notices.csv`).set('Cookie', staff).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]!)).toBe(`通知書台帳_${FY}年度.csv`);
    const body = (res.body as Buffer).toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body.endsWith('\r\n')).toBe(true);
    const lines = body.slice(1).split('\r\n').filter(Boolean).map((l) => l.split(','));
    expect(lines[0]).toEqual(['通知番号', '種類', '発行日', '和暦', '事業者', '交付決定額/確定額', '状態', '申請ID', '通知ID']);
    expect(lines.slice(1).map((l) => l.slice(0, 7))).toEqual([
      ['テスト第1号', '交付決定通知書', today, warekiDate(today), companyAName, '60000', '発行済み'],
      ['テスト第2号', '不交付決定通知書', today, warekiDate(today), expect.any(String), '', '発行済み'],
      ['テスト第3号', '額確定通知書', today, warekiDate(today), companyAName, '45000', '発行済み'],
    ]);
  });

  it('titles a change decision 変更交付決定通知書 and prints the plan and amount as changed', async () => {
    const { id, requested } = await apply(managerB);
    await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', staff).send({ amount_yen: requested }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${id}/change-request`).set('Cookie', managerB).send({ employees: 2, reason: '対象者の退職のため' }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${id}/approve-change`).set('Cookie', staff).send({}).expect(200);
    const deadline = Date.now() + 30_000;
    let list: Notice[] = [];
    while (Date.now() < deadline) {
      list = (await t.http.get(`/api/v1/subsidy-applications/${id}/notices`).set('Cookie', managerB).expect(200)).body;
      if (list.length === 2 && list.every((n) => n.status === 'done')) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(list.map((n) => [n.kind, n.number, n.status])).toEqual([['decision', 'テスト第4号', 'done'], ['decision', 'テスト第5号', 'done']]);
    const res = await pdfOf(list[1]!.pdf_url!, managerB);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]!)).toBe('変更交付決定通知書_テスト第5号.pdf');
    const read = readPdf(res.body as Buffer, 'change');
    expectText(read.text, '変更交付決定通知書');
    expectText(read.text, '変更後の交付決定額 金30,000円');
    expectText(read.text, '対象従業員数 2人');
    expect(read.text).not.toContain('交付申請額');
    const register = (await t.http.get(`/api/v1/subsidy-notices?program_id=${programId}&kind=decision`).set('Cookie', staff).expect(200)).body;
    expect(register.map((n: { number: string; change: boolean }) => [n.number, n.change])).toEqual([['テスト第1号', false], ['テスト第4号', false], ['テスト第5号', true]]);
  });
});
