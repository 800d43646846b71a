import { actionsFor, APPLICATION_ACTIONS, TRANSITIONS, type ApplicationAction, type ApplicationState } from '@hokenshitsu/subsidies';
import { seededRandom } from '../support/consultations-csv.js';
import { act, actionBody, companyManager, db, draftApplication, subsidyWorld, uploadFile, uploadQuote, type Manager, type SubsidyWorld } from '../support/subsidies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';


/**
 * The city auditor's view: a long random walk of actions by the right and the wrong people over a
 * few applications with a tight budget, and after every step the books must add up from the rows
 * alone: committed = Σ approved of approved/reported, confirmed = Σ confirmed of confirmed/claimed,
 * paid = Σ confirmed of paid, never above the budget or a company's cap; every 200 is one audit
 * event whose to_state is the row's state; notices numbered without gaps. The walk is seeded and
 * the seed printed, so a failure replays.
 */
const SEED = Number(process.env.SUBSIDY_WALK_SEED ?? Date.now() % 1_000_000);
const STEPS = 300;
const BUDGET = 200_000;
const CAP = 150_000;


type Who = 'owner' | 'other' | 'staff';

interface Tracked {
  id: string;
  owner: Manager;
  state: ApplicationState;
  requested: number;
  pendingChange: boolean;
  transitions: number;
}

describe('subsidy ledger under a random walk of actions (the auditor\'s check)', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  let second: Manager;
  let outsider: Manager;
  const apps: Tracked[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await subsidyWorld(t, 2077, { program: { budget_yen: BUDGET, cap_per_company_yen: CAP } });
    second = await companyManager(t, w.staff.cookie);
    outsider = await companyManager(t, w.staff.cookie);
    for (let i = 0; i < 8; i++) await newDraft(i);
  });

  const seedRandom = seededRandom(SEED);
  /** A fresh draft with its quote, alternating between the two companies. */
  async function newDraft(i: number): Promise<Tracked> {
    const owner = i % 2 === 0 ? w.manager : second;
    const a = await draftApplication(t, w, { manager: owner, plan: { employees: 1 + Math.floor(seedRandom() * 6) } });
    await uploadQuote(t, owner.cookie, a.id);
    const tracked: Tracked = { id: a.id, owner, state: 'draft', requested: a.requested_yen!, pendingChange: false, transitions: 0 };
    apps.push(tracked);
    return tracked;
  }
  afterAll(() => t.close());

  async function audit(step: string): Promise<void> {
    const [books] = await db(t).query(
      `SELECT p.budget_yen::bigint AS budget, p.committed_yen::bigint AS committed, p.confirmed_yen::bigint AS confirmed, p.paid_yen::bigint AS paid,
              COALESCE(SUM(a.approved_yen) FILTER (WHERE a.state IN ('approved', 'reported')), 0)::bigint AS committed_rows,
              COALESCE(SUM(a.confirmed_yen) FILTER (WHERE a.state IN ('confirmed', 'claimed')), 0)::bigint AS confirmed_rows,
              COALESCE(SUM(a.confirmed_yen) FILTER (WHERE a.state = 'paid'), 0)::bigint AS paid_rows
         FROM subsidy_programs p LEFT JOIN subsidy_applications a ON a.program_id = p.id
        WHERE p.id = $1 GROUP BY p.id`,
      [w.program.id],
    );
    const n = (k: string) => Number(books[k]);
    expect({ step, committed: n('committed'), confirmed: n('confirmed'), paid: n('paid') }).toEqual({ step, committed: n('committed_rows'), confirmed: n('confirmed_rows'), paid: n('paid_rows') });
    expect(n('committed') + n('confirmed') + n('paid')).toBeLessThanOrEqual(n('budget'));
    const perCompany: { used: string }[] = await db(t).query(
      `SELECT SUM(CASE WHEN state IN ('approved', 'reported') THEN approved_yen WHEN state IN ('confirmed', 'claimed', 'paid') THEN confirmed_yen ELSE 0 END)::text AS used
         FROM subsidy_applications WHERE program_id = $1 GROUP BY company_id`,
      [w.program.id],
    );
    for (const c of perCompany) expect(Number(c.used)).toBeLessThanOrEqual(CAP);
  }

  it(`keeps the books exact over ${STEPS} random steps (seed ${SEED})`, async () => {
    const random = seededRandom(SEED + 1);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const counts: Record<string, number> = {};
    const ok: Record<string, number> = {};
    const active = [...apps];
    for (let i = 0; i < STEPS; i++) {
      const a = pick(active);
      const right = (action: ApplicationAction): Who => (TRANSITIONS[action].by === 'company' ? 'owner' : 'staff');
      const offered = [...actionsFor(a.state, 'company'), ...actionsFor(a.state, 'staff')];
      // withdrawing ends a walk early: offered less often than the rest
      const forward = offered.filter((x) => x !== 'withdraw' || random() < 0.2);
      const action: ApplicationAction = forward.length && random() < 0.75 ? pick(forward) : pick(APPLICATION_ACTIONS);
      const who: Who = random() < 0.85 ? right(action) : pick(['owner', 'other', 'staff'] as const);
      const cookie = who === 'owner' ? a.owner.cookie : who === 'other' ? outsider.cookie : w.staff.cookie;
      let body = actionBody(action);
      if (action === 'approve') {
        const r = random();
        body = r < 0.6 ? { amount_yen: a.requested } : r < 0.85 ? { amount_yen: Math.max(1, a.requested - 1000 * Math.ceil(random() * 20)), reason: '一部対象外' } : { amount_yen: a.requested + 1 };
      }
      if (action === 'report') {
        body = { sessions_held: Math.floor(random() * 14), actual_cost_yen: Math.floor(random() * 200_000), publish_case_story: false };
        if (a.state === 'approved' && who === 'owner') await uploadFile(t, a.owner.cookie, a.id, random() < 0.5 ? 'invoice' : 'receipt').expect(201);
      }
      if (action === 'change-request') body = { employees: 1 + Math.floor(random() * 8), reason: '計画の変更' };
      if (action === 'approve-change' && random() < 0.3) body = { amount_yen: 1000, reason: '減額' };
      const label = `step ${i} (seed ${SEED}): ${action} by ${who} on ${a.state}`;
      const res = await act(t, cookie, a.id, action, body);
      counts[`${res.status}`] = (counts[`${res.status}`] ?? 0) + 1;
      expect({ label, status: res.status < 500 }).toEqual({ label, status: true });
      if (who === 'other') expect({ label, status: res.status }).toEqual({ label, status: 404 });
      else if (who !== right(action)) expect({ label, status: res.status }).toEqual({ label, status: 403 });
      else if (!TRANSITIONS[action].from.includes(a.state)) expect({ label, status: res.status, named: String(res.body.message).includes(a.state) }).toEqual({ label, status: 409, named: true });
      else expect({ label, ok: [200, 409, 422].includes(res.status) }).toEqual({ label, ok: true });
      if (res.status === 200) {
        const to = TRANSITIONS[action].to ?? a.state;
        expect({ label, state: res.body.state }).toEqual({ label, state: to });
        a.state = to;
        a.pendingChange = res.body.pending_change !== null;
        a.requested = res.body.requested_yen;
        a.transitions++;
        ok[action] = (ok[action] ?? 0) + 1;
        // a finished application makes room for a new one
        if (['withdrawn', 'rejected', 'paid'].includes(to) && apps.length < 40) active.splice(active.indexOf(a), 1, await newDraft(apps.length));
      }
      await audit(label);
    }

    // every 200 is exactly one transition event, and the last one's to_state is the row's state
    const trail: { application_id: string; n: number; last_to: string }[] = await db(t).query(
      `SELECT application_id, count(*)::int AS n, (array_agg(to_state ORDER BY id DESC))[1] AS last_to
         FROM subsidy_events WHERE program_id = $1 AND action = ANY($2) GROUP BY application_id`,
      [w.program.id, [...APPLICATION_ACTIONS]],
    );
    for (const a of apps) {
      const row = trail.find((r) => r.application_id === a.id);
      expect({ id: a.id, n: row?.n ?? 0 }).toEqual({ id: a.id, n: a.transitions });
      if (row) expect(row.last_to).toBe(a.state);
    }
    // notices: one per decision, numbered 1..N in the fiscal year
    const notices: { seq: number; kind: string }[] = await db(t).query(`SELECT seq, kind FROM subsidy_notices WHERE fiscal_year = $1 ORDER BY seq`, [w.fiscalYear]);
    expect(notices.map((x) => x.seq)).toEqual(notices.map((_, i) => i + 1));
    expect(notices.filter((x) => x.kind === 'decision')).toHaveLength((ok['approve'] ?? 0) + (ok['approve-change'] ?? 0));
    expect(notices.filter((x) => x.kind === 'rejection')).toHaveLength(ok['reject'] ?? 0);
    expect(notices.filter((x) => x.kind === 'confirmation')).toHaveLength(ok['confirm'] ?? 0);
    // the walk went somewhere: decisions were made and some refused
    expect(ok['submit'] ?? 0).toBeGreaterThan(0);
    expect(counts['200'] ?? 0).toBeGreaterThan(20);
    console.log(`subsidy walk seed ${SEED}: answers ${JSON.stringify(counts)}, transitions ${JSON.stringify(ok)}, final states ${apps.map((a) => a.state).join(' ')}`);
  });
});
