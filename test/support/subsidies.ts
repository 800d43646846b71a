import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { tokyoDate } from '@hokenshitsu/core';
import { companyRegistration, login, signedInAs, type TestApp } from './test-app.js';

/**
 * Helpers for every subsidy suite: a programme with its window open today, a verified company in
 * 旭川市 with its manager signed in, and applications brought to any state through the API.
 *
 * Each suite (or describe that needs its own budget) takes its own fiscal year: programmes are
 * unique per fiscal year and the database is shared by the suites of a run.
 */

/** `POST /api/v1/subsidy-programs` body: half of up to 15,000 yen a session, the meeting's programme. */
export function programBody(fiscalYear: number, overrides: Record<string, unknown> = {}) {
  return {
    fiscal_year: fiscalYear,
    budget_yen: 3_000_000,
    rate_numerator: 1,
    rate_denominator: 2,
    cap_per_company_yen: 300_000,
    max_price_per_session_yen: 15_000,
    min_minutes_per_session: 30,
    max_sessions_per_employee: 3,
    rounding_yen: 1,
    opens_on: `${fiscalYear}-04-01`,
    closes_on: `${fiscalYear}-12-28`,
    ...overrides,
  };
}

/** A plan that submits cleanly: 5 employees × 2 sessions × 15,000 yen = 150,000 eligible → 75,000 at 1/2. */
export function planBody(fiscalYear: number, overrides: Record<string, unknown> = {}) {
  return {
    employees: 5,
    target: 'all_women',
    sessions_per_employee: 2,
    minutes_per_session: 60,
    price_per_session_yen: 15_000,
    consultant_name: '山田 花子',
    consultant_registration_no: '16012345',
    period_start: `${fiscalYear}-05-01`,
    period_end: `${fiscalYear}-09-30`,
    no_other_subsidy: true,
    ...overrides,
  };
}

/** What the default plan computes to under the default programme. */
export const PLAN_SUBSIDY_YEN = 75_000;

/** The smallest file the server takes for a PDF (typed by content: it starts with %PDF-). */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

export interface Manager {
  /** Session cookie of the company's manager. */
  cookie: string;
  userId: string;
  companyId: string;
  email: string;
}

export interface SubsidyWorld {
  fiscalYear: number;
  staff: { cookie: string; id: string };
  program: { id: string } & Record<string, unknown>;
  /** A verified company in 旭川市 and its manager. */
  manager: Manager;
}

export interface WorldOverrides {
  /** Fields of the programme's POST body. */
  program?: Record<string, unknown>;
  /** Fields of the company's registration. */
  company?: Record<string, unknown>;
  /** false: leave the window as created (dates in the fiscal year), not open today. */
  openToday?: boolean;
}

export function db(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

/** Today in Tokyo, as the server judges windows and dates. */
export function todayInTokyo(): string {
  return tokyoDate(new Date());
}

/** Throws with the answer's body when the status is not the expected one (a clearer failure than supertest's). */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) {
    const req = (res as unknown as { req?: { method?: string; path?: string } }).req;
    throw new Error(`${req?.method ?? ''} ${req?.path ?? ''}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** A company registered through the API (verified by staff unless `verified: false`) and its signed-in manager. */
export async function companyManager(t: TestApp, staffCookie: string, overrides: Record<string, unknown> = {}, opts: { verified?: boolean } = {}): Promise<Manager> {
  const body = companyRegistration(overrides);
  const res = expectStatus(await t.http.post('/api/v1/companies/register').send(body), 201);
  if (opts.verified !== false) expectStatus(await t.http.post(`/api/v1/companies/${res.body.id}/verify`).set('Cookie', staffCookie), 200);
  const cookie = await login(t, body.manager_email);
  const me = expectStatus(await t.http.get('/api/v1/auth/me').set('Cookie', cookie), 200);
  return { cookie, userId: me.body.id as string, companyId: res.body.id as string, email: body.manager_email };
}

/** Creates a programme through the API, then opens its window today with SQL (periods still lie in its fiscal year). */
export async function openProgram(t: TestApp, staffCookie: string, fiscalYear: number, overrides: Record<string, unknown> = {}, openToday = true) {
  const res = expectStatus(await t.http.post('/api/v1/subsidy-programs').set('Cookie', staffCookie).send(programBody(fiscalYear, overrides)), 201);
  if (openToday) await db(t).query(`UPDATE subsidy_programs SET opens_on = current_date - 30, closes_on = current_date + 30 WHERE id = $1`, [res.body.id]);
  return res.body as { id: string } & Record<string, unknown>;
}

/** Staff, a programme for the fiscal year open today, and a verified company in 旭川市 with its manager. */
export async function subsidyWorld(t: TestApp, fiscalYear: number, overrides: WorldOverrides = {}): Promise<SubsidyWorld> {
  const staff = await signedInAs(t, 'city_staff');
  const program = await openProgram(t, staff.cookie, fiscalYear, overrides.program, overrides.openToday !== false);
  const manager = await companyManager(t, staff.cookie, { address: '北海道旭川市6条通9丁目', ...overrides.company });
  return { fiscalYear, staff: { cookie: staff.cookie, id: staff.id }, program, manager };
}

export interface AppOptions {
  /** Plan fields to change. */
  plan?: Record<string, unknown>;
  /** Another company's manager applying in the same world. */
  manager?: Manager;
}

export type ApplicationBody = { id: string; state: string; requested_yen: number | null; approved_yen: number | null } & Record<string, unknown>;

/** A draft with the full, valid plan (nothing uploaded yet). */
export async function draftApplication(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  const res = await t.http.post('/api/v1/subsidy-applications').set('Cookie', who.cookie).send({ program_id: w.program.id, ...planBody(w.fiscalYear, opts.plan) });
  return expectStatus(res, 201).body;
}

export function uploadFile(t: TestApp, cookie: string, applicationId: string, kind: 'quote' | 'invoice' | 'receipt', bytes: Buffer = TINY_PDF, contentType = 'application/pdf') {
  return t.http.post(`/api/v1/subsidy-applications/${applicationId}/files?kind=${kind}&name=${kind}.pdf`).set('Cookie', cookie).set('Content-Type', contentType).send(bytes);
}

export async function uploadQuote(t: TestApp, cookie: string, applicationId: string) {
  return expectStatus(await uploadFile(t, cookie, applicationId, 'quote'), 201).body;
}

export async function uploadInvoice(t: TestApp, cookie: string, applicationId: string) {
  return expectStatus(await uploadFile(t, cookie, applicationId, 'invoice'), 201).body;
}

/** POST /:id/<action> with a body; answers the raw response. */
export function act(t: TestApp, cookie: string | null, id: string, action: string, body?: unknown, idempotencyKey?: string) {
  let req = t.http.post(`/api/v1/subsidy-applications/${id}/${action}`);
  if (cookie) req = req.set('Cookie', cookie);
  if (idempotencyKey) req = req.set('Idempotency-Key', idempotencyKey);
  return body === undefined ? req : req.send(body as object);
}

async function step(t: TestApp, cookie: string, id: string, action: string, body?: unknown): Promise<ApplicationBody> {
  return expectStatus(await act(t, cookie, id, action, body), 200).body;
}

/** A valid body for each action (what the matrix and the helpers send). */
export function actionBody(action: string, opts: { amountYen?: number; today?: string } = {}): Record<string, unknown> | undefined {
  switch (action) {
    case 'return': return { comment: '見積書を添付し直してください', fields: [{ field: 'quote', comment: '金額が読めません' }] };
    case 'approve': return { amount_yen: opts.amountYen ?? PLAN_SUBSIDY_YEN };
    case 'reject': return { reason: '対象外の経費です' };
    case 'report': return { sessions_held: 10, actual_cost_yen: 150_000, publish_case_story: false };
    case 'claim': return { bank_name: '北洋銀行', branch_name: '旭川中央支店', account_type: 'ordinary', account_number: '1234567', account_holder_kana: 'カ）テストセイサクシヨ' };
    case 'pay': return { paid_on: opts.today ?? todayInTokyo() };
    case 'change-request': return { employees: 6, reason: '対象者が1名増えました' };
    case 'approve-change': return {};
    case 'refuse-change': return { reason: '予算の都合により' };
    default: return undefined;
  }
}

export async function submitted(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  const draft = await draftApplication(t, w, opts);
  await uploadQuote(t, who.cookie, draft.id);
  return step(t, who.cookie, draft.id, 'submit');
}

export async function returned(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  return step(t, w.staff.cookie, (await submitted(t, w, opts)).id, 'return', actionBody('return'));
}

export async function rejected(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  return step(t, w.staff.cookie, (await submitted(t, w, opts)).id, 'reject', actionBody('reject'));
}

/** Approved at the computed subsidy (or `amountYen`). */
export async function approved(t: TestApp, w: SubsidyWorld, opts: AppOptions & { amountYen?: number } = {}): Promise<ApplicationBody> {
  const s = await submitted(t, w, opts);
  return step(t, w.staff.cookie, s.id, 'approve', { amount_yen: opts.amountYen ?? s.requested_yen });
}

export async function withdrawn(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  return step(t, who.cookie, (await submitted(t, w, opts)).id, 'withdraw');
}

/** Approved with a change request pending. */
export async function changeRequested(t: TestApp, w: SubsidyWorld, opts: AppOptions & { change?: Record<string, unknown> } = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  return step(t, who.cookie, (await approved(t, w, opts)).id, 'change-request', opts.change ?? actionBody('change-request'));
}

export async function reported(t: TestApp, w: SubsidyWorld, opts: AppOptions & { report?: Record<string, unknown> } = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  const a = await approved(t, w, opts);
  await uploadInvoice(t, who.cookie, a.id);
  return step(t, who.cookie, a.id, 'report', opts.report ?? actionBody('report'));
}

export async function confirmed(t: TestApp, w: SubsidyWorld, opts: AppOptions & { report?: Record<string, unknown> } = {}): Promise<ApplicationBody> {
  return step(t, w.staff.cookie, (await reported(t, w, opts)).id, 'confirm');
}

export async function claimed(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  const who = opts.manager ?? w.manager;
  return step(t, who.cookie, (await confirmed(t, w, opts)).id, 'claim', actionBody('claim'));
}

export async function paid(t: TestApp, w: SubsidyWorld, opts: AppOptions = {}): Promise<ApplicationBody> {
  return step(t, w.staff.cookie, (await claimed(t, w, opts)).id, 'pay', actionBody('pay'));
}

export type ReachableState = 'draft' | 'submitted' | 'returned' | 'approved' | 'rejected' | 'reported' | 'confirmed' | 'claimed' | 'paid' | 'withdrawn';

/** An application in any state, through the API. */
export function inState(t: TestApp, w: SubsidyWorld, state: ReachableState, opts: AppOptions = {}): Promise<ApplicationBody> {
  switch (state) {
    case 'draft': return draftApplication(t, w, opts);
    case 'submitted': return submitted(t, w, opts);
    case 'returned': return returned(t, w, opts);
    case 'approved': return approved(t, w, opts);
    case 'rejected': return rejected(t, w, opts);
    case 'reported': return reported(t, w, opts);
    case 'confirmed': return confirmed(t, w, opts);
    case 'claimed': return claimed(t, w, opts);
    case 'paid': return paid(t, w, opts);
    case 'withdrawn': return withdrawn(t, w, opts);
  }
}

export async function ledger(t: TestApp, w: SubsidyWorld): Promise<{ budget_yen: number; committed_yen: number; confirmed_yen: number; paid_yen: number; available_yen: number }> {
  return expectStatus(await t.http.get(`/api/v1/subsidy-programs/${w.program.id}/ledger`).set('Cookie', w.staff.cookie), 200).body;
}

export async function events(t: TestApp, cookie: string, id: string): Promise<{ action: string; from_state: string | null; to_state: string | null; actor_id: string | null; actor_role: string | null; detail: Record<string, unknown> }[]> {
  return expectStatus(await t.http.get(`/api/v1/subsidy-applications/${id}/events`).set('Cookie', cookie), 200).body;
}

export function idempotencyKey(): string {
  return `test-${randomUUID()}`;
}
