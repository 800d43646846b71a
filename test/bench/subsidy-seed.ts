import { randomInt } from 'node:crypto';

/**
 * Seeds for the approvals benchmark and the concurrency suite: verified companies in 旭川市 with a
 * manager each, and submitted applications in bulk. SQL on purpose: these are preconditions (the
 * approvals under test go through the API), and 2,000 submissions through HTTP would measure the
 * seeding instead.
 */

export interface SeededOwner {
  company_id: string;
  user_id: string;
}

/** $1 how many, $2 an 8-digit prefix that keeps corporate numbers unique in a shared database. */
export const SEED_COMPANIES_SQL = `
  WITH c AS (
    INSERT INTO companies (name, corporate_number, industry, employees, size_band, address, status, reviewed_at)
    SELECT '株式会社シード' || g, $2 || lpad(g::text, 5, '0'), 'E', 42, '20-49', '北海道旭川市6条通9丁目', 'verified', now()
      FROM generate_series(1, $1::int) g
    RETURNING id)
  INSERT INTO users (email, password_hash, role, company_id)
  SELECT 'seed-' || c.id || '@example.jp', 'not-a-hash', 'company_manager', c.id FROM c
  RETURNING company_id, id AS user_id`;

/**
 * $1 programme, $2 period_start, $3 period_end, $4 company ids, $5 their managers, $6 applications
 * per company. The plan is the helpers' default: 5 employees × 2 sessions × 15,000 yen, 60 minutes
 * → eligible 150,000, requested 75,000 at 1/2.
 */
export const SEED_SUBMITTED_SQL = `
  INSERT INTO subsidy_applications (program_id, company_id, created_by, state, employees, target, sessions_per_employee,
      minutes_per_session, price_per_session_yen, consultant_name, consultant_registration_no, period_start, period_end,
      no_other_subsidy, eligible_cost_yen, requested_yen, submitted_at, first_submitted_at)
  SELECT $1, o.company_id, o.user_id, 'submitted', 5, 'all_women', 2, 60, 15000, '山田 花子', '16012345', $2::date, $3::date,
         true, 150000, 75000, now(), now()
    FROM unnest($4::uuid[], $5::uuid[]) AS o(company_id, user_id), generate_series(1, $6::int)
  RETURNING id`;

export const SEEDED_REQUESTED_YEN = 75_000;

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

export async function seedCompanies(query: Query, count: number): Promise<SeededOwner[]> {
  const prefix = String(randomInt(10_000_000, 99_999_999));
  return (await query(SEED_COMPANIES_SQL, [count, prefix])) as SeededOwner[];
}

/** `perCompany` submitted applications for each owner; answers their ids. */
export async function seedSubmitted(query: Query, programId: string, fiscalYear: number, owners: SeededOwner[], perCompany: number): Promise<string[]> {
  const rows = (await query(SEED_SUBMITTED_SQL, [programId, `${fiscalYear}-05-01`, `${fiscalYear}-09-30`, owners.map((o) => o.company_id), owners.map((o) => o.user_id), perCompany])) as { id: string }[];
  return rows.map((r) => r.id);
}
