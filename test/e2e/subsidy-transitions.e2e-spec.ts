import { addDays, APPLICATION_ACTIONS, APPLICATION_STATES, TRANSITIONS, type ApplicationAction, type ApplicationState } from '@hokenshitsu/subsidies';
import {
  act,
  actionBody,
  approved,
  changeRequested,
  companyManager,
  db,
  draftApplication,
  events,
  expectStatus,
  idempotencyKey,
  inState,
  ledger,
  PLAN_SUBSIDY_YEN,
  returned,
  subsidyWorld,
  todayInTokyo,
  uploadInvoice,
  uploadQuote,
  type ApplicationBody,
  type Manager,
  type SubsidyWorld,
} from '../support/subsidies.js';
import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every action × every state × every role, from outside: the owner's manager, another company's
 * manager, city staff, a counsellor and nobody. Allowed → 200 with the new state and exactly one
 * audit event; wrong state → 409 naming the current state; wrong role → 403; another company →
 * 404; a counsellor → 403; nobody → 401.
 */
type Who = 'owner' | 'other' | 'staff' | 'counsellor' | 'anonymous';
const WHO: Who[] = ['owner', 'other', 'staff', 'counsellor', 'anonymous'];

/** Who would be allowed: the owner for company actions, staff for staff actions. */
const allowedWho = (action: ApplicationAction): Who => (TRANSITIONS[action].by === 'company' ? 'owner' : 'staff');

/** What a refused call answers, and why. */
function expectedRefusal(action: ApplicationAction, state: ApplicationState, who: Who): { status: number; why: string } | null {
  if (who === 'anonymous') return { status: 401, why: 'not signed in' };
  if (who === 'counsellor') return { status: 403, why: 'counsellors have no business with subsidies' };
  if (who === 'other') return { status: 404, why: 'another company\'s application does not exist for her' };
  if (who !== allowedWho(action)) return { status: 403, why: 'wrong role' };
  if (!TRANSITIONS[action].from.includes(state)) return { status: 409, why: 'wrong state' };
  // approve-change / refuse-change on an approved application with no change pending
  if (action === 'approve-change' || action === 'refuse-change') return { status: 409, why: 'no change pending' };
  return null;
}

describe('subsidy transitions: every action × state × role', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  let other: Manager;
  let counsellor: string;
  const fixtures = new Map<ApplicationState, ApplicationBody>();
  const cookieOf = (who: Who): string | null => ({ owner: w.manager.cookie, other: other.cookie, staff: w.staff.cookie, counsellor, anonymous: null })[who];

  beforeAll(async () => {
    t = await startTestApp();
    // A budget and company cap too large to matter here: the matrix approves dozens of applications.
    w = await subsidyWorld(t, 2070, { program: { budget_yen: 100_000_000, cap_per_company_yen: 50_000_000 } });
    other = await companyManager(t, w.staff.cookie);
    counsellor = (await signedInAs(t, 'counsellor')).cookie;
    for (const state of APPLICATION_STATES) fixtures.set(state, await inState(t, w, state));
  }, 60_000);
  afterAll(() => t.close());

  it('reaches every state through the API', () => {
    for (const state of APPLICATION_STATES) expect(fixtures.get(state)!.state).toBe(state);
  });

  describe.each(APPLICATION_STATES.map((s) => [s]))('refusals on a %s application', (state) => {
    it('answers 401, 403, 404 or 409 (naming the state) for every action and role that may not, and changes nothing', async () => {
      const a = fixtures.get(state)!;
      const before = await events(t, w.staff.cookie, a.id);
      const ledgerBefore = await ledger(t, w);
      const seen: string[] = [];
      const wrong: string[] = [];
      for (const action of APPLICATION_ACTIONS) {
        for (const who of WHO) {
          const want = expectedRefusal(action, state as ApplicationState, who);
          if (!want) continue;
          const res = await act(t, cookieOf(who), a.id, action, actionBody(action));
          seen.push(`${action}/${who}`);
          if (res.status !== want.status) {
            wrong.push(`${action} by ${who}: want ${want.status} (${want.why}), got ${res.status} ${JSON.stringify(res.body)}`);
            continue;
          }
          if (want.why === 'wrong state') {
            if (!String(res.body.message).includes(state) || !(res.body.fields ?? []).some((f: { message: string }) => f.message.includes(state))) wrong.push(`${action} by ${who}: 409 does not name the state ${state}: ${JSON.stringify(res.body)}`);
          }
          if (want.why === 'no change pending' && !(res.body.fields ?? []).some((f: { field: string }) => f.field === 'pending_change')) wrong.push(`${action}: 409 does not name pending_change`);
        }
      }
      expect(wrong).toEqual([]);
      expect(seen.length).toBeGreaterThanOrEqual(APPLICATION_ACTIONS.length * 3);
      const after = await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.staff.cookie).expect(200);
      expect(after.body.state).toBe(state);
      expect(after.body.revision).toBe(a['revision']);
      expect(await events(t, w.staff.cookie, a.id)).toEqual(before);
      expect(await ledger(t, w)).toEqual(ledgerBefore);
    });

    it('hides the application, its events, changes and files from another company (404), and from nobody (401)', async () => {
      const a = fixtures.get(state)!;
      for (const path of ['', '/events', '/changes', '/files']) {
        await t.http.get(`/api/v1/subsidy-applications/${a.id}${path}`).set('Cookie', other.cookie).expect(404);
        await t.http.get(`/api/v1/subsidy-applications/${a.id}${path}`).set('Cookie', counsellor).expect(403);
        await t.http.get(`/api/v1/subsidy-applications/${a.id}${path}`).expect(401);
        await t.http.get(`/api/v1/subsidy-applications/${a.id}${path}`).set('Cookie', w.manager.cookie).expect(200);
      }
      const list = await t.http.get('/api/v1/subsidy-applications').set('Cookie', other.cookie).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(a.id);
      await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', other.cookie).send({ employees: 3 }).expect(404);
      await t.http.post(`/api/v1/subsidy-applications/${a.id}/files?kind=quote`).set('Cookie', other.cookie).set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4\n')).expect(404);
    });
  });

  it('never shows another company\'s files or notices, even by their own ids (404)', async () => {
    const mine = fixtures.get('approved')!;
    const theirs = await draftApplication(t, w, { manager: other });
    const files = await t.http.get(`/api/v1/subsidy-applications/${mine.id}/files`).set('Cookie', w.manager.cookie).expect(200);
    const fileId = files.body[0].id as string;
    await t.http.get(`/api/v1/subsidy-applications/${mine.id}/files/${fileId}`).set('Cookie', w.manager.cookie).expect(200);
    await t.http.get(`/api/v1/subsidy-applications/${mine.id}/files/${fileId}`).set('Cookie', other.cookie).expect(404);
    // her own application's id with the other company's file id
    await t.http.get(`/api/v1/subsidy-applications/${theirs.id}/files/${fileId}`).set('Cookie', other.cookie).expect(404);
    const notices = await t.http.get(`/api/v1/subsidy-applications/${mine.id}/notices`).set('Cookie', w.manager.cookie).expect(200);
    expect(notices.body).toEqual([expect.objectContaining({ kind: 'decision', number: expect.stringMatching(/^旭女活第\d+号$/) })]);
    const noticeId = notices.body[0].id as string;
    await t.http.get(`/api/v1/subsidy-applications/${mine.id}/notices`).set('Cookie', other.cookie).expect(404);
    await t.http.get(`/api/v1/subsidy-notices/${noticeId}/pdf`).set('Cookie', other.cookie).expect(404);
    await t.http.get(`/api/v1/subsidy-notices/${noticeId}/pdf`).set('Cookie', counsellor).expect(403);
    await t.http.get(`/api/v1/subsidy-notices/${noticeId}/pdf`).expect(401);
    // the owner gets it once rendered (no worker here: 409 naming its status, never 404)
    expect([200, 409]).toContain((await t.http.get(`/api/v1/subsidy-notices/${noticeId}/pdf`).set('Cookie', w.manager.cookie)).status);
    await t.http.get('/api/v1/subsidy-notices').set('Cookie', other.cookie).expect(403);
    await t.http.get(`/api/v1/subsidy-programs/${w.program.id}/notices.csv`).set('Cookie', other.cookie).expect(403);
    await t.http.get(`/api/v1/subsidy-programs/${w.program.id}/ledger`).set('Cookie', other.cookie).expect(403);
  });

  const allowed = APPLICATION_ACTIONS.flatMap((action) => TRANSITIONS[action].from.map((from) => [action, from] as const));

  it.each(allowed)('%s from %s: 200, the new state, exactly one audit event with from/to/actor', async (action, from) => {
    const pendingChange = action === 'approve-change' || action === 'refuse-change';
    const a = pendingChange ? await changeRequested(t, w) : await inState(t, w, from);
    if (action === 'report') await uploadInvoice(t, w.manager.cookie, a.id);
    if (action === 'submit' && from === 'draft') await uploadQuote(t, w.manager.cookie, a.id);
    const before = await events(t, w.staff.cookie, a.id);
    const actor = allowedWho(action) === 'owner' ? { id: w.manager.userId, role: 'company_manager' } : { id: w.staff.id, role: 'city_staff' };
    const res = expectStatus(await act(t, cookieOf(allowedWho(action)), a.id, action, actionBody(action, { amountYen: a.requested_yen ?? undefined })), 200);
    const to = TRANSITIONS[action].to ?? from;
    expect(res.body.state).toBe(to);
    const after = await events(t, w.staff.cookie, a.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ action, from_state: from, to_state: to, actor_id: actor.id, actor_role: actor.role });
    // the answer tells the caller what she may do next, from the same table
    expect(Array.isArray(res.body.actions)).toBe(true);
  });

  it('a pending change request is refused a second time (409) and withholds the report until decided', async () => {
    const a = await changeRequested(t, w);
    const again = await act(t, w.manager.cookie, a.id, 'change-request', actionBody('change-request')).expect(409);
    expect(again.body.fields[0].field).toBe('pending_change');
    await uploadInvoice(t, w.manager.cookie, a.id);
    const report = await act(t, w.manager.cookie, a.id, 'report', actionBody('report')).expect(409);
    expect(report.body.fields[0].field).toBe('pending_change');
  });

  describe('Idempotency-Key', () => {
    it('a retried approve answers the same body, writes one event and moves the ledger once', async () => {
      const a = (await inState(t, w, 'submitted'));
      const key = idempotencyKey();
      const before = await ledger(t, w);
      const first = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN }, key).expect(200);
      const second = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN }, key).expect(200);
      expect(second.body).toEqual(first.body);
      expect(first.body.state).toBe('approved');
      expect((await events(t, w.staff.cookie, a.id)).filter((e) => e.action === 'approve')).toHaveLength(1);
      expect((await ledger(t, w)).committed_yen).toBe(before.committed_yen + PLAN_SUBSIDY_YEN);
      const notices = await db(t).query(`SELECT count(*)::int AS n FROM subsidy_notices WHERE application_id = $1`, [a.id]);
      expect(notices[0].n).toBe(1);
    });

    it('retries fired at once with one key do the work once', async () => {
      const a = await inState(t, w, 'submitted');
      const key = idempotencyKey();
      const before = await ledger(t, w);
      const answers = await Promise.all(Array.from({ length: 6 }, () => act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN }, key)));
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
      for (const r of answers) expect(r.body).toEqual(answers[0]!.body);
      expect((await events(t, w.staff.cookie, a.id)).filter((e) => e.action === 'approve')).toHaveLength(1);
      expect((await ledger(t, w)).committed_yen).toBe(before.committed_yen + PLAN_SUBSIDY_YEN);
    });

    it('the same key with a different body is refused 422 naming Idempotency-Key', async () => {
      const a = await inState(t, w, 'submitted');
      const key = idempotencyKey();
      await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN }, key).expect(200);
      const res = await act(t, w.staff.cookie, a.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN - 1000, reason: '一部対象外' }, key).expect(422);
      expect(res.body.fields[0].field).toBe('Idempotency-Key');
      expect(res.body.message).toMatch(/Idempotency-Key/);
      const b = await inState(t, w, 'submitted');
      const onOther = await act(t, w.staff.cookie, b.id, 'approve', { amount_yen: PLAN_SUBSIDY_YEN }, key).expect(422);
      expect(onOther.body.fields[0].field).toBe('Idempotency-Key');
      expect((await t.http.get(`/api/v1/subsidy-applications/${b.id}`).set('Cookie', w.staff.cookie)).body.state).toBe('submitted');
    });

    it('create with a key twice makes one draft', async () => {
      const key = idempotencyKey();
      const body = { program_id: w.program.id, employees: 3 };
      const before = await t.http.get('/api/v1/subsidy-applications?limit=200').set('Cookie', w.manager.cookie).expect(200);
      const first = await t.http.post('/api/v1/subsidy-applications').set('Cookie', w.manager.cookie).set('Idempotency-Key', key).send(body).expect(201);
      const second = await t.http.post('/api/v1/subsidy-applications').set('Cookie', w.manager.cookie).set('Idempotency-Key', key).send(body).expect(201);
      expect(second.body.id).toBe(first.body.id);
      expect(first.body).toMatchObject({ state: 'draft', employees: 3 });
      const after = await t.http.get('/api/v1/subsidy-applications?limit=200').set('Cookie', w.manager.cookie).expect(200);
      expect(after.body.total).toBe(before.body.total + 1);
      expect((await events(t, w.manager.cookie, first.body.id)).filter((e) => e.action === 'create')).toHaveLength(1);
    });
  });

  describe('the audit trail is append-only, enforced by the database', () => {
    it.each([
      ['UPDATE', `UPDATE subsidy_events SET action = 'forged' WHERE application_id = $1`],
      ['DELETE', `DELETE FROM subsidy_events WHERE application_id = $1`],
      ['TRUNCATE', `TRUNCATE subsidy_events`],
    ])('%s fails', async (_, sql) => {
      const a = fixtures.get('approved')!;
      const before = await events(t, w.staff.cookie, a.id);
      await expect(db(t).query(sql, sql.includes('$1') ? [a.id] : [])).rejects.toThrow(/append-only/);
      expect(await events(t, w.staff.cookie, a.id)).toEqual(before);
    });
  });

  describe('withdrawal window', () => {
    it('withdrawn inside the window: the committed amount returns to the budget', async () => {
      const a = await approved(t, w);
      const before = await ledger(t, w);
      const res = await act(t, w.manager.cookie, a.id, 'withdraw').expect(200);
      expect(res.body.state).toBe('withdrawn');
      const after = await ledger(t, w);
      expect(after.committed_yen).toBe(before.committed_yen - PLAN_SUBSIDY_YEN);
      expect(after.available_yen).toBe(before.available_yen + PLAN_SUBSIDY_YEN);
      expect((await events(t, w.manager.cookie, a.id)).at(-1)).toMatchObject({ action: 'withdraw', from_state: 'approved', to_state: 'withdrawn', detail: { released_yen: String(PLAN_SUBSIDY_YEN) } });
    });

    it('on the last day (decision + 10 days) still possible', async () => {
      const a = await approved(t, w);
      await db(t).query(`UPDATE subsidy_applications SET decided_at = decided_at - interval '10 days' WHERE id = $1`, [a.id]);
      await act(t, w.manager.cookie, a.id, 'withdraw').expect(200);
    });

    it('11 days after the decision: 409 naming the last day, and the budget keeps the commitment', async () => {
      const a = await approved(t, w);
      await db(t).query(`UPDATE subsidy_applications SET decided_at = decided_at - interval '11 days' WHERE id = $1`, [a.id]);
      const before = await ledger(t, w);
      const res = await act(t, w.manager.cookie, a.id, 'withdraw').expect(409);
      const lastDay = addDays(todayInTokyo(), -1);
      expect(res.body.message).toContain(lastDay);
      expect(res.body.fields[0].message).toContain(lastDay);
      expect(await ledger(t, w)).toEqual(before);
      expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie)).body.state).toBe('approved');
    });
  });

  describe('return for correction', () => {
    it('the company sees the fields to correct; after a PATCH and resubmission staff see what changed', async () => {
      const a = await returned(t, w);
      const seen = await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).expect(200);
      expect(seen.body).toMatchObject({ state: 'returned', return_comment: '見積書を添付し直してください', return_fields: [{ field: 'quote', comment: '金額が読めません' }] });
      expect(seen.body.actions).toEqual(expect.arrayContaining(['submit', 'withdraw']));
      const saved = await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ employees: 4, price_per_session_yen: 12_000 }).expect(200);
      expect(saved.body).toMatchObject({ employees: 4, eligible_cost_yen: 96_000, requested_yen: 48_000 });
      const again = await act(t, w.manager.cookie, a.id, 'submit').expect(200);
      expect(again.body).toMatchObject({ state: 'submitted', return_fields: null, return_comment: null });
      const changes = await t.http.get(`/api/v1/subsidy-applications/${a.id}/changes`).set('Cookie', w.staff.cookie).expect(200);
      expect(changes.body).toEqual(
        expect.arrayContaining([
          { field: 'employees', before: 5, after: 4 },
          { field: 'price_per_session_yen', before: '15000', after: '12000' },
          { field: 'requested_yen', before: '75000', after: '48000' },
        ]),
      );
      expect(changes.body.map((c: { field: string }) => c.field).sort()).toEqual(['employees', 'price_per_session_yen', 'requested_yen']);
    });

    it('a stale revision is refused 409, never merged', async () => {
      const a = await draftApplication(t, w);
      await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ employees: 2, revision: a['revision'] }).expect(200);
      const stale = await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie).send({ employees: 9, revision: a['revision'] }).expect(409);
      expect(stale.body.fields[0].field).toBe('revision');
      expect((await t.http.get(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', w.manager.cookie)).body.employees).toBe(2);
    });
  });
});

describe('subsidy change requests against a short budget', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  let neighbour: Manager;
  beforeAll(async () => {
    t = await startTestApp();
    // Two approvals of 75,000 (one from another company, so the cap per company stays out of it) leave 10,000.
    w = await subsidyWorld(t, 2071, { program: { budget_yen: 2 * PLAN_SUBSIDY_YEN + 10_000, cap_per_company_yen: 2 * PLAN_SUBSIDY_YEN + 10_000 } });
    neighbour = await companyManager(t, w.staff.cookie);
  });
  afterAll(() => t.close());

  it('an increase the budget cannot hold is refused 409 budget_exceeded; a decrease returns money', async () => {
    const a = await approved(t, w);
    await approved(t, w, { manager: neighbour });
    expect(await ledger(t, w)).toMatchObject({ committed_yen: 2 * PLAN_SUBSIDY_YEN, available_yen: 10_000 });
    // 6 employees → 90,000: 15,000 more than approved, the budget has 10,000
    const asked = await act(t, w.manager.cookie, a.id, 'change-request', { employees: 6, reason: '対象者が1名増えました' }).expect(200);
    expect(asked.body.pending_change).toMatchObject({ employees: 6, requested_yen: '90000' });
    expect(asked.body.state).toBe('approved');
    const refused = await act(t, w.staff.cookie, a.id, 'approve-change', {}).expect(409);
    expect(refused.body.error).toBe('budget_exceeded');
    expect(refused.body.message).toMatch(/available budget of 10,000 yen/);
    expect(refused.body.fields[0].field).toBe('amount_yen');
    expect(await ledger(t, w)).toMatchObject({ committed_yen: 2 * PLAN_SUBSIDY_YEN, available_yen: 10_000 });
    // staff refuse it; the company asks for less
    await act(t, w.staff.cookie, a.id, 'refuse-change', { reason: '予算不足' }).expect(200);
    await act(t, w.manager.cookie, a.id, 'change-request', { employees: 4, reason: '対象者が1名減りました' }).expect(200);
    const decreased = await act(t, w.staff.cookie, a.id, 'approve-change', {}).expect(200);
    expect(decreased.body).toMatchObject({ state: 'approved', approved_yen: 60_000, employees: 4, pending_change: null });
    expect(await ledger(t, w)).toMatchObject({ committed_yen: PLAN_SUBSIDY_YEN + 60_000, available_yen: 25_000 });
    const trail = await events(t, w.staff.cookie, a.id);
    expect(trail.filter((e) => e.action === 'approve-change')).toHaveLength(1);
    expect(trail.at(-1)).toMatchObject({ action: 'approve-change', from_state: 'approved', to_state: 'approved', detail: { amount_yen: '60000', previous_yen: '75000' } });
    // an increase that fits: 5 employees again (+15,000 of 25,000 available)
    await act(t, w.manager.cookie, a.id, 'change-request', { employees: 5, reason: '戻します' }).expect(200);
    await act(t, w.staff.cookie, a.id, 'approve-change', {}).expect(200);
    expect(await ledger(t, w)).toMatchObject({ committed_yen: 2 * PLAN_SUBSIDY_YEN, available_yen: 10_000 });
  });
});
