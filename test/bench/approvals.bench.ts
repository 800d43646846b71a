import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@hokenshitsu/core';
import { UsersService } from '@hokenshitsu/identity';
import { createApiApp } from '../../apps/api/src/create-app.js';
import { seedCompanies, seedSubmitted, SEEDED_REQUESTED_YEN } from './subsidy-seed.js';

/**
 * bench:approvals — 2,000 submitted applications approved by 50 concurrent approvers through the
 * HTTP API (session, validation, ApplicationTransitionsService.act: locks, caps, ledger, notice,
 * audit event, outbox mails, the notice's render job), then the floor: the same approval
 * transaction as bare SQL from 50 pg clients on a fresh set of 2,000. Prints approvals per second,
 * p50/p95 latency, the ledger check of each, and the ratio (the machine is shared: compare ratios).
 *
 * The budget holds 1,950 of each 2,000, so the last 50 take the refusal path (409 budget_exceeded
 * over HTTP, a refused conditional UPDATE in SQL) like a real end of the budget.
 */
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const COMPANIES = APPLICATIONS / 10;
const FITS = APPLICATIONS - 50;
const BUDGET = FITS * SEEDED_REQUESTED_YEN + 10_000;
const WARMUP = 50;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)]!;

interface Round {
  wallMs: number;
  latencies: number[];
  approved: number;
  refused: number;
  other: Record<string, number>;
}

/** Runs `work` over `ids` with `concurrency` workers pulling from one queue. */
async function drive(ids: string[], concurrency: number, work: (id: string, worker: number) => Promise<'approved' | 'refused' | string>): Promise<Round> {
  const queue = [...ids];
  const round: Round = { wallMs: 0, latencies: [], approved: 0, refused: 0, other: {} };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const s = performance.now();
        const outcome = await work(id, worker);
        round.latencies.push(performance.now() - s);
        if (outcome === 'approved') round.approved++;
        else if (outcome === 'refused') round.refused++;
        else round.other[outcome] = (round.other[outcome] ?? 0) + 1;
      }
    }),
  );
  round.wallMs = performance.now() - t0;
  return round;
}

async function ledgerCheck(db: DataSource, programId: string): Promise<{ ok: boolean; line: string }> {
  const [row] = await db.query(
    `SELECT p.budget_yen::text AS budget, p.committed_yen::text AS committed,
            (SELECT COALESCE(SUM(approved_yen), 0) FROM subsidy_applications a WHERE a.program_id = p.id AND a.state = 'approved')::text AS approved_sum,
            (SELECT count(*) FROM subsidy_applications a WHERE a.program_id = p.id AND a.state = 'approved')::int AS approved_n,
            (SELECT count(*) FROM subsidy_notices n WHERE n.program_id = p.id)::int AS notices,
            (SELECT count(DISTINCT seq) FROM subsidy_notices n WHERE n.program_id = p.id)::int AS distinct_seq,
            (SELECT COALESCE(MAX(seq), 0) FROM subsidy_notices n WHERE n.program_id = p.id)::int AS max_seq,
            (SELECT count(*) FROM subsidy_events e WHERE e.program_id = p.id AND e.action = 'approve')::int AS events
       FROM subsidy_programs p WHERE p.id = $1`,
    [programId],
  );
  const budget = BigInt(row.budget);
  const committed = BigInt(row.committed);
  const sum = BigInt(row.approved_sum);
  const n = row.approved_n as number;
  const ok = committed <= budget && sum === committed && row.notices === n && row.distinct_seq === n && row.max_seq === n && row.events === n;
  return {
    ok,
    line:
      `committed ${committed.toLocaleString('en')} ≤ budget ${budget.toLocaleString('en')}: ${committed <= budget}; ` +
      `Σ approved_yen ${sum.toLocaleString('en')} = committed: ${sum === committed}; ${n} approved, ${row.notices} notices numbered 1..${row.max_seq} (${row.distinct_seq} distinct), ${row.events} audit events → ${ok ? 'EXACT' : 'WRONG'}`,
  };
}

function report(label: string, r: Round): void {
  const rate = ((r.approved + r.refused) / r.wallMs) * 1000;
  const other = Object.keys(r.other).length ? `, OTHER ${JSON.stringify(r.other)}` : '';
  console.log(
    `  ${label.padEnd(26)} ${(r.approved + r.refused).toString().padStart(5)} decisions in ${(r.wallMs / 1000).toFixed(2)} s = ${rate.toFixed(0).padStart(5)}/s ` +
      `(${r.approved} approved, ${r.refused} refused${other}); latency p50 ${median(r.latencies).toFixed(1)} ms, p95 ${p95(r.latencies).toFixed(1)} ms`,
  );
}

/**
 * The approval as bare SQL, step for step what ApplicationTransitionsService.approve does in its
 * transaction: lock the application, lock the programme, the company's usage, the conditional
 * ledger UPDATE, the notice counter and notice, the application UPDATE, the audit event.
 */
async function approveInSql(c: pg.PoolClient, id: string, staffId: string): Promise<'approved' | 'refused' | string> {
  await c.query('BEGIN');
  try {
    const { rows: [a] } = await c.query(`SELECT id, program_id, company_id, state, requested_yen, period_end FROM subsidy_applications WHERE id = $1 FOR UPDATE`, [id]);
    if (!a || a.state !== 'submitted') throw new Error(`application ${id} is ${a?.state}`);
    const { rows: [p] } = await c.query(`SELECT id, fiscal_year, cap_per_company_yen, report_due_days, notice_number_format FROM subsidy_programs WHERE id = $1 FOR UPDATE`, [a.program_id]);
    const { rows: [{ used }] } = await c.query(
      `SELECT COALESCE(SUM(CASE WHEN state IN ('approved', 'reported') THEN approved_yen WHEN state IN ('confirmed', 'claimed', 'paid') THEN confirmed_yen ELSE 0 END), 0)::text AS used
         FROM subsidy_applications WHERE program_id = $1 AND company_id = $2 AND id <> $3`,
      [p.id, a.company_id, a.id],
    );
    const amount = BigInt(a.requested_yen);
    if (amount > BigInt(p.cap_per_company_yen) - BigInt(used)) throw new Error('company cap');
    const moved = await c.query(
      `UPDATE subsidy_programs SET committed_yen = committed_yen + $2::bigint WHERE id = $1 AND committed_yen + $2::bigint + confirmed_yen + paid_yen <= budget_yen`,
      [p.id, amount.toString()],
    );
    if (moved.rowCount !== 1) {
      await c.query('ROLLBACK');
      return 'refused';
    }
    const { rows: [{ last }] } = await c.query(
      `INSERT INTO subsidy_notice_counters (fiscal_year, last) VALUES ($1, 1) ON CONFLICT (fiscal_year) DO UPDATE SET last = subsidy_notice_counters.last + 1 RETURNING last`,
      [p.fiscal_year],
    );
    await c.query(
      `INSERT INTO subsidy_notices (application_id, program_id, kind, fiscal_year, seq, number, issued_on, amount_yen, data) VALUES ($1, $2, 'decision', $3, $4, $5, current_date, $6, $7)`,
      [a.id, p.id, p.fiscal_year, last, String(p.notice_number_format).replace('{n}', String(last)), amount.toString(), JSON.stringify({ approvedYen: Number(amount) })],
    );
    await c.query(
      `UPDATE subsidy_applications SET state = 'approved', approved_yen = $2, decided_at = now(), decided_by = $3, report_due_on = $4::date + $5::int, revision = revision + 1, updated_at = now() WHERE id = $1`,
      [a.id, amount.toString(), staffId, a.period_end, p.report_due_days],
    );
    await c.query(
      `INSERT INTO subsidy_events (program_id, application_id, action, from_state, to_state, actor_id, actor_role, detail) VALUES ($1, $2, 'approve', 'submitted', 'approved', $3, 'city_staff', $4)`,
      [p.id, a.id, staffId, JSON.stringify({ amount_yen: amount.toString(), reason: null })],
    );
    await c.query('COMMIT');
    return 'approved';
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    return `error: ${(e as Error).message}`;
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PUBLIC_URL: 'http://127.0.0.1', REPORT_PRERENDER_ON_PUBLISH: 'false' });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const db = app.get(DataSource);
  const query = (sql: string, params: unknown[]) => db.query(sql, params);

  const email = `bench-staff-${Date.now()}@example.jp`;
  const { user: staff } = await app.get(UsersService).create({ email, role: 'city_staff', password: 'bench-password-123', companyId: null });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'bench-password-123' }) });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hks_session='))!.split(';')[0]!;
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

  let fiscalYear = 2078 - 2 * RUNS;
  const newProgram = async (): Promise<string> => {
    fiscalYear++;
    const res = await post('/api/v1/subsidy-programs', {
      fiscal_year: fiscalYear, budget_yen: BUDGET, rate_numerator: 1, rate_denominator: 2, cap_per_company_yen: 1_000_000,
      max_price_per_session_yen: 15_000, min_minutes_per_session: 30, max_sessions_per_employee: 3, rounding_yen: 1,
      opens_on: `${fiscalYear}-04-01`, closes_on: `${fiscalYear}-12-28`,
    });
    if (res.status !== 201) throw new Error(`programme: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const owners = await seedCompanies(query, COMPANIES);

  // Warm-up (not measured): JIT, the pools, prepared plans.
  {
    const programId = await newProgram();
    const ids = await seedSubmitted(query, programId, fiscalYear, owners.slice(0, WARMUP / 10), 10);
    await drive(ids, CONCURRENCY, async (id) => String((await post(`/api/v1/subsidy-applications/${id}/approve`, { amount_yen: SEEDED_REQUESTED_YEN })).status));
  }

  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: CONCURRENCY, application_name: 'bench-approvals-floor' });
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.connect()));
  const apiRounds: Round[] = [];
  const sqlRounds: Round[] = [];
  let exact = true;
  console.log(`bench:approvals — ${APPLICATIONS} submitted applications (${COMPANIES} companies), ${CONCURRENCY} concurrent approvers, budget for ${FITS}; ${RUNS} run(s)\n`);
  for (let run = 0; run < RUNS; run++) {
    const apiProgram = await newProgram();
    const apiIds = await seedSubmitted(query, apiProgram, fiscalYear, owners, APPLICATIONS / COMPANIES);
    await db.query('ANALYZE subsidy_applications');
    const api = await drive(apiIds, CONCURRENCY, async (id) => {
      const res = await post(`/api/v1/subsidy-applications/${id}/approve`, { amount_yen: SEEDED_REQUESTED_YEN });
      const body = (await res.json()) as { error?: string };
      return res.status === 200 ? 'approved' : res.status === 409 && body.error === 'budget_exceeded' ? 'refused' : `HTTP ${res.status}`;
    });
    apiRounds.push(api);
    report(`HTTP API, run ${run + 1}`, api);
    const apiLedger = await ledgerCheck(db, apiProgram);
    console.log(`    ledger: ${apiLedger.line}`);

    const sqlProgram = await newProgram();
    const sqlIds = await seedSubmitted(query, sqlProgram, fiscalYear, owners, APPLICATIONS / COMPANIES);
    await db.query('ANALYZE subsidy_applications');
    const sql = await drive(sqlIds, CONCURRENCY, (id, worker) => approveInSql(clients[worker]!, id, staff.id));
    sqlRounds.push(sql);
    report(`bare SQL floor, run ${run + 1}`, sql);
    const sqlLedger = await ledgerCheck(db, sqlProgram);
    console.log(`    ledger: ${sqlLedger.line}`);
    exact &&= apiLedger.ok && sqlLedger.ok && api.approved === FITS && sql.approved === FITS;
  }

  const rate = (r: Round) => ((r.approved + r.refused) / r.wallMs) * 1000;
  const apiRate = median(apiRounds.map(rate));
  const sqlRate = median(sqlRounds.map(rate));
  const apiP50 = median(apiRounds.map((r) => median(r.latencies)));
  const sqlP50 = median(sqlRounds.map((r) => median(r.latencies)));
  const apiP95 = median(apiRounds.map((r) => p95(r.latencies)));
  const sqlP95 = median(sqlRounds.map((r) => p95(r.latencies)));
  console.log(`\nmedians over ${RUNS} run(s):`);
  console.log(`  HTTP API        ${apiRate.toFixed(0).padStart(5)} approvals/s, p50 ${apiP50.toFixed(1)} ms, p95 ${apiP95.toFixed(1)} ms`);
  console.log(`  bare SQL floor  ${sqlRate.toFixed(0).padStart(5)} approvals/s, p50 ${sqlP50.toFixed(1)} ms, p95 ${sqlP95.toFixed(1)} ms`);
  console.log(`  ratio           ${(sqlRate / apiRate).toFixed(2)}× the floor in throughput, ${(apiP50 / sqlP50).toFixed(2)}× in p50 latency (aim: within 4×)`);
  console.log(`  ledger          ${exact ? 'exact in every run' : 'WRONG: see above'}`);

  for (const c of clients) c.release();
  await pool.end();
  await app.close();
  if (!exact) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
