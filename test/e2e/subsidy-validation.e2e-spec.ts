import type { ServerResponse } from 'node:http';
import type { Response } from 'supertest';
import { addDays } from '@hokenshitsu/subsidies';
import {
  act,
  actionBody,
  approved,
  claimed,
  companyManager,
  draftApplication,
  expectStatus,
  ledger,
  openProgram,
  PLAN_SUBSIDY_YEN,
  programBody,
  submitted,
  subsidyWorld,
  todayInTokyo,
  TINY_PDF,
  uploadFile,
  uploadQuote,
  type Manager,
  type SubsidyWorld,
} from '../support/subsidies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every validation error names its field: 400 for a malformed body, 422 for a rule the request
 * breaks (mostly on submit, where a draft's whole plan is checked), 409 for the budget, 413/415
 * for files. Nothing answers 500.
 */
const fieldsOf = (res: Response): string[] => (res.body.fields ?? []).map((f: { field: string }) => f.field);

function expectFields(res: Response, status: number, ...fields: string[]): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(fieldsOf(res)).toEqual(expect.arrayContaining(fields));
  expect(typeof res.body.message).toBe('string');
}

describe('subsidy validation: every error names its field', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  const statuses: number[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // cap per company 100,000: one approval of 75,000 leaves 25,000
    w = await subsidyWorld(t, 2072, { program: { cap_per_company_yen: 100_000 } });
    // every answer of this suite, to prove none was a 500
    t.app.getHttpServer().on('request', (_req: unknown, res: ServerResponse) => res.on('finish', () => statuses.push(res.statusCode)));
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, who: Manager = w.manager) => t.http.post('/api/v1/subsidy-applications').set('Cookie', who.cookie).send(body);
  const draftWith = async (plan: Record<string, unknown>, who?: Manager) => {
    const a = await draftApplication(t, w, { plan, manager: who });
    await uploadQuote(t, (who ?? w.manager).cookie, a.id);
    return a;
  };
  const submit = (id: string, who: Manager = w.manager) => act(t, who.cookie, id, 'submit');

  describe('malformed application bodies: 400 naming the field', () => {
    it.each([
      ['employees', { employees: 0 }],
      ['employees', { employees: 'five' }],
      ['employees', { employees: 2.5 }],
      ['target', { target: 'boss' }],
      ['sessions_per_employee', { sessions_per_employee: 101 }],
      ['minutes_per_session', { minutes_per_session: 0 }],
      ['price_per_session_yen', { price_per_session_yen: 1500.5 }],
      ['price_per_session_yen', { price_per_session_yen: -1 }],
      ['consultant_name', { consultant_name: 42 }],
      ['consultant_registration_no', { consultant_registration_no: 'x'.repeat(31) }],
      ['period_start', { period_start: '2072-13-01' }],
      ['period_end', { period_end: '2072/09/30' }],
      ['sme_category', { sme_category: 'giant' }],
      ['no_other_subsidy', { no_other_subsidy: 'yes' }],
      ['program_id', { program_id: 'not-a-uuid' }],
      ['approved_yen', { approved_yen: 1 }],
    ])('%s: %j', async (field, patch) => {
      const res = await create({ program_id: w.program.id, ...patch });
      expectFields(res, 400, field);
    });

    it('the same checks on PATCH (autosave)', async () => {
      const a = await draftApplication(t, w);
      expectFields(await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ minutes_per_session: -5 }), 400, 'minutes_per_session');
      expectFields(await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ state: 'approved' }), 400, 'state');
      expectFields(await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ revision: 0 }), 400, 'revision');
    });

    it('a programme that does not exist, or whose window is closed, is a 422 on program_id', async () => {
      expectFields(await create({ program_id: '00000000-0000-4000-8000-000000000000' }), 422, 'program_id');
      const closed = await openProgram(t, w.staff.cookie, 2076, {}, false);
      const res = await create({ program_id: closed.id });
      expectFields(res, 422, 'program_id');
      expect(res.body.message).toContain('2076-04-01');
    });
  });

  describe('submit: 422 naming each rule the plan breaks', () => {
    it('names every missing field at once', async () => {
      const a = expectStatus(await create({ program_id: w.program.id }), 201).body;
      const res = await submit(a.id);
      expectFields(res, 422, 'employees', 'target', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen', 'consultant_name', 'consultant_registration_no', 'period_start', 'period_end', 'no_other_subsidy', 'quote');
      expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie)).body.state).toBe('draft');
    });

    it.each([
      ['minutes_per_session', { minutes_per_session: 29 }, /at least 30 minutes/],
      ['period_start', { period_start: '2072-03-31' }, /fiscal year 2072/],
      ['period_end', { period_end: '2073-04-01' }, /fiscal year 2072/],
      ['period_end', { period_start: '2072-09-01', period_end: '2072-08-31' }, /before period_start/],
      ['no_other_subsidy', { no_other_subsidy: false }, /no other subsidy/],
      ['target_note', { target: 'other' }, /required/],
      ['consultant_registration_no', { consultant_registration_no: '1234' }, /8-digit/],
    ])('%s: %j', async (field, plan, message) => {
      const a = await draftWith(plan);
      const res = await submit(a.id);
      expectFields(res, 422, field);
      expect(res.body.fields.find((f: { field: string }) => f.field === field).message).toMatch(message);
    });

    it('accepts the edges: 30 minutes, a period from 04-01 to 03-31, a full-width 第…号 registration number', async () => {
      const a = await draftWith({ minutes_per_session: 30, period_start: '2072-04-01', period_end: '2073-03-31', consultant_registration_no: '第１６０１－２３４５号' });
      expect(a.consultant_registration_no).toBe('16012345');
      expect((await submit(a.id)).status).toBe(200);
    });

    it('no quote: 422 on quote', async () => {
      const a = await draftApplication(t, w);
      expectFields(await submit(a.id), 422, 'quote');
    });

    it('an unverified company: 422 on company', async () => {
      const pending = await companyManager(t, w.staff.cookie, {}, { verified: false });
      const res = await submit((await draftWith({}, pending)).id, pending);
      expectFields(res, 422, 'company');
      expect(res.body.message).toMatch(/verified/);
    });

    it('a company outside the city: 422 on company naming the city', async () => {
      const sapporo = await companyManager(t, w.staff.cookie, { address: '北海道札幌市中央区北1条西2丁目' });
      const res = await submit((await draftWith({}, sapporo)).id, sapporo);
      expectFields(res, 422, 'company');
      expect(res.body.message).toContain('旭川市');
    });

    it.each([
      ['E', 301, undefined, 300],
      ['G', 101, undefined, 100],
      ['I', 51, 'retail', 50],
      ['I', 101, 'wholesale', 100],
    ])('too large: division %s with %i employees (%s) → 422 on company naming %i', async (industry, employees, sme, max) => {
      const big = await companyManager(t, w.staff.cookie, { industry, employees });
      const res = await submit((await draftWith(sme ? { sme_category: sme } : {}, big)).id, big);
      expectFields(res, 422, 'company');
      expect(res.body.message).toContain(`at most ${max} employees`);
    });

    it('at the thresholds it is an SME: E 300, I retail 50', async () => {
      for (const [industry, employees, sme] of [['E', 300, undefined], ['I', 50, 'retail']] as const) {
        const ok = await companyManager(t, w.staff.cookie, { industry, employees });
        expect((await submit((await draftWith(sme ? { sme_category: sme } : {}, ok)).id, ok)).status).toBe(200);
      }
    });

    it('an I-division company without sme_category: 422 on sme_category', async () => {
      const shop = await companyManager(t, w.staff.cookie, { industry: 'I', employees: 10 });
      expectFields(await submit((await draftWith({}, shop)).id, shop), 422, 'sme_category');
    });

    it('a public body (S): 422 on company', async () => {
      const office = await companyManager(t, w.staff.cookie, { industry: 'S', employees: 10 });
      expectFields(await submit((await draftWith({}, office)).id, office), 422, 'company');
    });
  });

  describe('files', () => {
    it('11 MB: 413 naming file; nothing stored', async () => {
      const a = await draftApplication(t, w);
      const big = Buffer.concat([TINY_PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const res = await uploadFile(t, w.manager.cookie, a.id, 'quote', big);
      expectFields(res, 413, 'file');
      expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}/files`).set('Cookie', w.manager.cookie)).body).toEqual([]);
    });

    it('a text file named .pdf: 415, typed by content, raw or in a form', async () => {
      const a = await draftApplication(t, w);
      const text = Buffer.from('これはPDFではありません\n');
      expectFields(await uploadFile(t, w.manager.cookie, a.id, 'quote', text), 415, 'file');
      const form = await t.http.post(`/api/v1/subsidy-applications/${a.id}/files?kind=quote`).set('Cookie', w.manager.cookie).attach('file', text, { filename: 'quote.pdf', contentType: 'application/pdf' });
      expectFields(form, 415, 'file');
      // a type the route does not take at all is refused before the body is read
      expect((await uploadFile(t, w.manager.cookie, a.id, 'quote', TINY_PDF, 'text/plain')).status).toBe(415);
      expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}/files`).set('Cookie', w.manager.cookie)).body).toEqual([]);
    });

    it('a PNG and a JPEG are taken by content, stored with their sha256; a bad kind is 400', async () => {
      const a = await draftApplication(t, w);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      const stored = expectStatus(await uploadFile(t, w.manager.cookie, a.id, 'quote', png, 'application/octet-stream'), 201).body;
      expect(stored).toMatchObject({ content_type: 'image/png', bytes: png.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
      expect(expectStatus(await uploadFile(t, w.manager.cookie, a.id, 'quote', jpeg, 'image/jpeg'), 201).body).toMatchObject({ content_type: 'image/jpeg', bytes: jpeg.length });
      // a PDF sent as image/png is stored as what it is
      expect(expectStatus(await uploadFile(t, w.manager.cookie, a.id, 'quote', TINY_PDF, 'image/png'), 201).body).toMatchObject({ content_type: 'application/pdf' });
      expectFields(await uploadFile(t, w.manager.cookie, a.id, 'contract' as 'quote'), 400, 'kind');
      // an invoice belongs with the report, not the application
      expectFields(await uploadFile(t, w.manager.cookie, a.id, 'invoice'), 409, 'status');
    });
  });

  describe('programmes', () => {
    const post = (body: Record<string, unknown>) => t.http.post('/api/v1/subsidy-programs').set('Cookie', w.staff.cookie).send(body);
    it.each([
      ['rate_numerator', 422, { rate_numerator: 3, rate_denominator: 2 }],
      ['closes_on', 422, { opens_on: '2074-06-01', closes_on: '2074-05-31' }],
      ['opens_on', 422, { opens_on: '2074-03-31' }],
      ['closes_on', 422, { closes_on: '2075-04-01' }],
      ['cap_per_company_yen', 422, { budget_yen: 100_000, cap_per_company_yen: 100_001 }],
      ['rounding_yen', 400, { rounding_yen: 5 }],
      ['budget_yen', 400, { budget_yen: 0 }],
      ['budget_yen', 400, { budget_yen: 1.5 }],
      ['rate_denominator', 400, { rate_denominator: 0 }],
      ['notice_number_format', 400, { notice_number_format: '旭女活第号' }],
      ['opens_on', 400, { opens_on: '2074-02-30' }],
      ['fiscal_year', 400, { fiscal_year: 1999 }],
      ['withdrawal_days', 400, { withdrawal_days: -1 }],
    ])('%s → %i: %j', async (field, status, patch) => {
      expectFields(await post(programBody(2074, patch)), status, field);
    });

    it('a fiscal year that already has a programme: 409 on fiscal_year', async () => {
      const res = await post(programBody(2072));
      expectFields(res, 409, 'fiscal_year');
    });

    it('a company manager may not create one (403), nobody may not (401)', async () => {
      await t.http.post('/api/v1/subsidy-programs').set('Cookie', w.manager.cookie).send(programBody(2074)).expect(403);
      await t.http.post('/api/v1/subsidy-programs').send(programBody(2074)).expect(401);
      await t.http.get(`/api/v1/subsidy-programs/${w.program.id}/ledger`).set('Cookie', w.manager.cookie).expect(403);
    });
  });

  describe('decisions', () => {
    it('approve above the computed subsidy: 422 on amount_yen', async () => {
      const a = await submitted(t, w);
      const res = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN + 1 });
      expectFields(res, 422, 'amount_yen');
      expect(res.body.message).toContain('75,000');
    });

    it('approve below without a reason: 422 on reason; with one it passes', async () => {
      const a = await submitted(t, w, { manager: await companyManager(t, w.staff.cookie) });
      expectFields(await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN - 1 }), 422, 'reason');
      expectFields(await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN - 1, reason: '   ' }), 422, 'reason');
      const ok = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN - 1, reason: '一部対象外' }).expect(200);
      expect(ok.body).toMatchObject({ approved_yen: PLAN_SUBSIDY_YEN - 1, decision_reason: '一部対象外' });
    });

    it.each([
      [{ amount_yen: 0 }], [{ amount_yen: 'all' }], [{ amount_yen: 1.5 }], [{}], [{ amount_yen: 1000, reason: 5 }],
    ])('approve with a malformed body %j: 400 naming the field', async (body) => {
      const a = await submitted(t, w, { manager: await companyManager(t, w.staff.cookie) });
      const res = await act(t, w.staff.cookie, a.id, 'approve', body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res).length).toBeGreaterThan(0);
    });

    it('approve above the company cap: 422 on amount_yen naming what is left', async () => {
      const m = await companyManager(t, w.staff.cookie);
      await approved(t, w, { manager: m });
      const second = await submitted(t, w, { manager: m });
      const res = await act(t, w.staff.cookie, second.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN });
      expectFields(res, 422, 'amount_yen');
      expect(res.body.message).toContain('25,000');
      await act(t, w.staff.cookie, second.id, 'approve', { amount_yen: 25_000, reason: '上限額の残り' }).expect(200);
    });

    it('reject and return without their words: 400', async () => {
      const a = await submitted(t, w, { manager: await companyManager(t, w.staff.cookie) });
      expectFields(await act(t, w.staff.cookie, a.id, 'reject', {}), 400, 'reason');
      expectFields(await act(t, w.staff.cookie, a.id, 'reject', { reason: '' }), 400, 'reason');
      expectFields(await act(t, w.staff.cookie, a.id, 'return', { fields: [] }), 400, 'comment');
      expectFields(await act(t, w.staff.cookie, a.id, 'return', { comment: '直してください', fields: [{ field: 'salary', comment: 'x' }] }), 400, 'fields.0.field');
    });
  });

  describe('report, claim, pay', () => {
    it('report without an invoice: 422 on invoices; a story to publish must be written', async () => {
      const m = await companyManager(t, w.staff.cookie);
      const a = await approved(t, w, { manager: m });
      expectFields(await act(t, m.cookie, a.id, 'report', actionBody('report')), 422, 'invoices');
      await uploadFile(t, m.cookie, a.id, 'receipt').expect(201);
      expectFields(await act(t, m.cookie, a.id, 'report', { sessions_held: 10, actual_cost_yen: 150_000, publish_case_story: true }), 422, 'case_story');
      expectFields(await act(t, m.cookie, a.id, 'report', { sessions_held: -1, actual_cost_yen: 150_000, publish_case_story: false }), 400, 'sessions_held');
      expectFields(await act(t, m.cookie, a.id, 'report', { sessions_held: 1, actual_cost_yen: 150_000 }), 400, 'publish_case_story');
    });

    it('claim with a malformed account: 400 naming each field', async () => {
      const m = await companyManager(t, w.staff.cookie);
      const a = await approved(t, w, { manager: m });
      await uploadFile(t, m.cookie, a.id, 'invoice').expect(201);
      await act(t, m.cookie, a.id, 'report', actionBody('report')).expect(200);
      await act(t, w.staff.cookie, a.id, 'confirm').expect(200);
      const res = await act(t, m.cookie, a.id, 'claim', { ...actionBody('claim'), account_number: '12-34', account_type: 'savings', account_holder_kana: '山田花子' });
      expectFields(res, 400, 'account_number', 'account_type', 'account_holder_kana');
    });

    it('pay before the claim date or in the future: 422 on paid_on; a malformed date 400', async () => {
      const m = await companyManager(t, w.staff.cookie);
      const a = await claimed(t, w, { manager: m });
      const today = todayInTokyo();
      const before = await act(t, w.staff.cookie, a.id, 'pay', { paid_on: addDays(today, -1) });
      expectFields(before, 422, 'paid_on');
      expect(before.body.message).toContain(today);
      expectFields(await act(t, w.staff.cookie, a.id, 'pay', { paid_on: addDays(today, 1) }), 422, 'paid_on');
      expectFields(await act(t, w.staff.cookie, a.id, 'pay', { paid_on: '2026-02-30' }), 400, 'paid_on');
      const l = await ledger(t, w);
      await act(t, w.staff.cookie, a.id, 'pay', { paid_on: today }).expect(200);
      const after = await ledger(t, w);
      expect(after.paid_yen - l.paid_yen).toBe(PLAN_SUBSIDY_YEN);
      expect(after.confirmed_yen - l.confirmed_yen).toBe(-PLAN_SUBSIDY_YEN);
    });
  });

  it('garbage in any action body is a 4xx, never a 500', async () => {
    const a = await submitted(t, w, { manager: await companyManager(t, w.staff.cookie) });
    const garbage: unknown[] = [[], [1, 2], 'text', { amount_yen: null }, { amount_yen: 1e308 }, { amount_yen: '1e3' }, { reason: { $gt: '' } }, { fields: 'quote', comment: 'x' }, { paid_on: 20270101 }, { sessions_held: 'NaN' }, { employees: -1e9, reason: 'x' }];
    for (const action of ['approve', 'reject', 'return', 'report', 'claim', 'pay', 'change-request', 'approve-change', 'refuse-change']) {
      for (const body of garbage) {
        const res = await act(t, w.staff.cookie, a.id, action, body);
        expect({ action, body, status: res.status }).toEqual({ action, body, status: expect.any(Number) });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.staff.cookie)).body.state).toBe('submitted');
  });

  it('answered no 500 anywhere in this suite', () => {
    expect(statuses.length).toBeGreaterThan(100);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});

describe('subsidy budget exhausted', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  beforeAll(async () => {
    t = await startTestApp();
    w = await subsidyWorld(t, 2073, { program: { budget_yen: 100_000, cap_per_company_yen: 100_000 } });
  });
  afterAll(() => t.close());

  it('an approval the budget cannot hold: 409 budget_exceeded with a clear message, nothing changed', async () => {
    await approved(t, w);
    const other = await companyManager(t, w.staff.cookie);
    const a = await submitted(t, w, { manager: other });
    const before = await ledger(t, w);
    const res = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'budget_exceeded', fields: [{ field: 'amount_yen' }] });
    expect(res.body.message).toBe('amount_yen 75,000 exceeds the available budget of 25,000 yen');
    expect(await ledger(t, w)).toEqual(before);
    const still = await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.staff.cookie).expect(200);
    expect(still.body).toMatchObject({ state: 'submitted', approved_yen: null });
    const notices = await t.http.get(`/api/v1/subsidy-programs/${w.program.id}`).set('Cookie', other.cookie).expect(200);
    expect(notices.body).toMatchObject({ budget_remains: true });
    expect(notices.body.ledger).toBeUndefined();
  });
});
