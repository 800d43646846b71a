import { DataSource } from 'typeorm';
import { registeredCompany, login, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The whole 交付申請 → 支払 path through the API, with the ledger and the audit trail checked at
 * every step (FY 2090 belongs to this suite).
 */
const FY = 2090;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('Self-Career-Dock subsidy: from application to payment', () => {
  let t: TestApp;
  let staff: string;
  let manager: string;
  let programId: string;
  let managerEmail: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await signedInAs(t, 'city_staff')).cookie;
    const company = await registeredCompany(t, { verifiedBy: staff });
    managerEmail = company.managerEmail;
    manager = await login(t, company.managerEmail);
    const res = await t.http.post('/api/v1/subsidy-programs').set('Cookie', staff).send({
      fiscal_year: FY, budget_yen: 1_000_000, rate_numerator: 1, rate_denominator: 2, cap_per_company_yen: 300_000,
      max_price_per_session_yen: 15_000, min_minutes_per_session: 30, max_sessions_per_employee: 3, rounding_yen: 1000,
      opens_on: `${FY}-04-01`, closes_on: `${FY}-12-28`, notice_number_format: '旭女活第{n}号', staff_email: 'career-dock-2090@city.example.jp',
    });
    expect(res.status).toBe(201);
    programId = res.body.id;
    // The window is FY 2090's; open it today so the suite can apply now.
    await t.app.get(DataSource).query(`UPDATE subsidy_programs SET opens_on = current_date - 30, closes_on = current_date + 30 WHERE id = $1`, [programId]);
  }, 60_000);

  afterAll(() => t?.close());

  const ledger = async () => (await t.http.get(`/api/v1/subsidy-programs/${programId}/ledger`).set('Cookie', staff).expect(200)).body;

  it('walks every step, the ledger and the audit trail right at each', async () => {
    const draft = await t.http.post('/api/v1/subsidy-applications').set('Cookie', manager).send({
      program_id: programId, employees: 5, sessions_per_employee: 2, minutes_per_session: 45, price_per_session_yen: 16_500,
      consultant_name: '山田 花子', consultant_registration_no: '１６０１２３４５', target: 'childcare_return',
      period_start: `${FY}-06-01`, period_end: `${FY}-09-30`, no_other_subsidy: true,
    });
    expect(draft.status).toBe(201);
    // 10 sessions × min(16,500, 15,000) = 150,000; × 1/2 = 75,000 (already a multiple of 1,000).
    expect(draft.body).toMatchObject({ state: 'draft', eligible_cost_yen: 150_000, requested_yen: 75_000, consultant_registration_no: '16012345' });
    const id = draft.body.id as string;

    // Submitting without the quote names it.
    const noQuote = await t.http.post(`/api/v1/subsidy-applications/${id}/submit`).set('Cookie', manager);
    expect(noQuote.status).toBe(422);
    expect(noQuote.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'quote' })]));

    await t.http.post(`/api/v1/subsidy-applications/${id}/files?kind=quote&name=${encodeURIComponent('見積書.pdf')}`).set('Cookie', manager).set('Content-Type', 'application/pdf').send(PDF).expect(201);
    const submitted = await t.http.post(`/api/v1/subsidy-applications/${id}/submit`).set('Cookie', manager);
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');

    // A company cannot approve its own application; staff approve the computed amount.
    await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', manager).send({ amount_yen: 75_000 }).expect(403);
    const approved = await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', staff).set('Idempotency-Key', 'approve-1').send({ amount_yen: 75_000 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', approved_yen: 75_000, report_due_on: `${FY}-10-30` });
    // A retried approval answers the same and moves nothing again.
    const again = await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', staff).set('Idempotency-Key', 'approve-1').send({ amount_yen: 75_000 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(approved.body);
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 75_000, confirmed_yen: 0, paid_yen: 0, available_yen: 925_000 });
    // Without the key, approving twice is a 409 naming the state.
    const twice = await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', staff).send({ amount_yen: 75_000 });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('approved');

    await t.http.post(`/api/v1/subsidy-applications/${id}/files?kind=receipt`).set('Cookie', manager).set('Content-Type', 'application/pdf').send(PDF).expect(201);
    const reported = await t.http.post(`/api/v1/subsidy-applications/${id}/report`).set('Cookie', manager).send({ sessions_held: 9, actual_cost_yen: 148_500, case_story: '復職した社員が管理職を目指すと話してくれました。', publish_case_story: true });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ state: 'reported', case_story_status: 'pending', report_overdue: false });

    // 9 held × 15,000 = 135,000 (under the actual 148,500) × 1/2 = 67,500 → 67,000; the other 8,000 returns to the budget.
    const confirmed = await t.http.post(`/api/v1/subsidy-applications/${id}/confirm`).set('Cookie', staff);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'confirmed', confirmed_yen: 67_000 });
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 0, confirmed_yen: 67_000, paid_yen: 0, available_yen: 933_000 });

    const claimed = await t.http.post(`/api/v1/subsidy-applications/${id}/claim`).set('Cookie', manager).send({ bank_name: '北洋銀行', branch_name: '旭川中央支店', account_type: 'ordinary', account_number: '1234567', account_holder_kana: 'カ）テストセイサクシヨ' });
    expect(claimed.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const paid = await t.http.post(`/api/v1/subsidy-applications/${id}/pay`).set('Cookie', staff).send({ paid_on: today });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'paid', paid_on: today });
    expect(await ledger()).toEqual({ budget_yen: 1_000_000, committed_yen: 0, confirmed_yen: 0, paid_yen: 67_000, available_yen: 933_000 });

    const events = (await t.http.get(`/api/v1/subsidy-applications/${id}/events`).set('Cookie', manager).expect(200)).body as { action: string; from_state: string | null; to_state: string | null }[];
    expect(events.map((e) => e.action)).toEqual(['create', 'upload', 'submit', 'approve', 'upload', 'report', 'confirm', 'claim', 'pay']);
    expect(events.find((e) => e.action === 'confirm')).toMatchObject({ from_state: 'reported', to_state: 'confirmed' });

    // Each step mailed her through the outbox, once (the retried approval queued nothing more).
    const mails: { kind: string; to_address: string; subject: string }[] = await t.app.get(DataSource).query(
      `SELECT kind, to_address, subject FROM mail_outbox WHERE dedupe_key LIKE $1 AND to_address = $2 ORDER BY created_at`, [`subsidy.${id}.%`, managerEmail]);
    expect(mails.map((m) => m.kind)).toEqual(['subsidy.submit', 'subsidy.approve', 'subsidy.report', 'subsidy.confirm', 'subsidy.claim', 'subsidy.pay']);
    expect(mails[1]!.subject).toContain('交付決定のお知らせ');
    // Mails for staff go to the programme's desk, not to every staff account.
    const desk: { kind: string }[] = await t.app.get(DataSource).query(`SELECT kind FROM mail_outbox WHERE dedupe_key LIKE $1 AND to_address <> $2 ORDER BY created_at`, [`subsidy.${id}.%`, managerEmail]);
    expect(desk.map((m) => m.kind)).toEqual(['subsidy.submit', 'subsidy.report', 'subsidy.claim']);
    expect(new Set((await t.app.get(DataSource).query(`SELECT to_address FROM mail_outbox WHERE dedupe_key LIKE $1 AND to_address <> $2`, [`subsidy.${id}.%`, managerEmail])).map((r: { to_address: string }) => r.to_address))).toEqual(new Set(['career-dock-2090@city.example.jp']));
  }, 60_000);
});
