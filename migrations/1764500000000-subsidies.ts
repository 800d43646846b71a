import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Self-Career-Dock subsidy (セルフ・キャリアドック導入支援補助金): programmes per fiscal year,
 * applications through 交付申請 → 交付決定 → 実績報告 → 額の確定 → 交付請求 → 支払, their files,
 * official notices and an append-only audit trail.
 *
 * Money is bigint yen everywhere. The budget's running totals live on the programme row with a
 * CHECK that they never pass the budget: an approval adds to `committed_yen` with one conditional
 * UPDATE, so concurrent approvals serialise on that row and the database itself refuses an
 * overspend whatever path the code takes.
 */
export class Subsidies1764500000000 implements MigrationInterface {
  name = 'Subsidies1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subsidy_programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fiscal_year integer NOT NULL UNIQUE CHECK (fiscal_year BETWEEN 2000 AND 2100),
        name text NOT NULL,
        municipality text NOT NULL,
        issuer text NOT NULL,
        budget_yen bigint NOT NULL CHECK (budget_yen >= 0),
        rate_numerator integer NOT NULL CHECK (rate_numerator > 0),
        rate_denominator integer NOT NULL CHECK (rate_denominator >= rate_numerator),
        cap_per_company_yen bigint NOT NULL CHECK (cap_per_company_yen > 0),
        max_price_per_session_yen bigint NOT NULL CHECK (max_price_per_session_yen > 0),
        min_minutes_per_session integer NOT NULL CHECK (min_minutes_per_session > 0),
        max_sessions_per_employee integer NOT NULL CHECK (max_sessions_per_employee > 0),
        rounding_yen integer NOT NULL CHECK (rounding_yen IN (1, 10, 100, 1000)),
        opens_on date NOT NULL,
        closes_on date NOT NULL CHECK (closes_on >= opens_on),
        report_due_days integer NOT NULL CHECK (report_due_days >= 0),
        report_due_on date,
        withdrawal_days integer NOT NULL CHECK (withdrawal_days >= 0),
        notice_number_format text NOT NULL CHECK (notice_number_format LIKE '%{n}%'),
        -- The subsidy desk's mailbox: staff-side mails go there (none when unset; staff work from the queue).
        staff_email text,
        committed_yen bigint NOT NULL DEFAULT 0 CHECK (committed_yen >= 0),
        confirmed_yen bigint NOT NULL DEFAULT 0 CHECK (confirmed_yen >= 0),
        paid_yen bigint NOT NULL DEFAULT 0 CHECK (paid_yen >= 0),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subsidy_budget_never_overspent CHECK (committed_yen + confirmed_yen + paid_yen <= budget_yen)
      )`);

    await q.query(`
      CREATE TABLE subsidy_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES subsidy_programs (id),
        company_id uuid NOT NULL REFERENCES companies (id),
        created_by uuid NOT NULL REFERENCES users (id),
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'reported', 'confirmed', 'claimed', 'paid', 'withdrawn')),
        revision integer NOT NULL DEFAULT 1,
        -- 交付申請: nullable while a draft (a draft keeps whatever she typed; submit checks it all)
        employees integer,
        target text,
        target_note text,
        sessions_per_employee integer,
        minutes_per_session integer,
        price_per_session_yen bigint,
        consultant_name text,
        consultant_registration_no text,
        period_start date,
        period_end date,
        sme_category text,
        no_other_subsidy boolean NOT NULL DEFAULT false,
        eligible_cost_yen bigint,
        requested_yen bigint,
        submitted_at timestamptz,
        first_submitted_at timestamptz,
        -- 差戻し: what to correct, field by field
        return_comment text,
        return_fields jsonb,
        -- 交付決定 / 不交付決定
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        decision_reason text,
        approved_yen bigint CHECK (approved_yen >= 0),
        report_due_on date,
        -- 変更承認申請: at most one open at a time
        pending_change jsonb,
        -- 実績報告
        sessions_held integer,
        actual_cost_yen bigint,
        case_story text,
        publish_case_story boolean NOT NULL DEFAULT false,
        case_story_status text NOT NULL DEFAULT 'none' CHECK (case_story_status IN ('none', 'pending', 'published', 'declined')),
        reported_at timestamptz,
        -- 額の確定, 交付請求, 支払
        confirmed_yen bigint CHECK (confirmed_yen >= 0),
        confirmed_at timestamptz,
        bank_account jsonb,
        claimed_at timestamptz,
        paid_on date,
        paid_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (confirmed_yen IS NULL OR approved_yen IS NULL OR confirmed_yen <= approved_yen)
      )`);
    await q.query(`CREATE INDEX subsidy_applications_program_state ON subsidy_applications (program_id, state)`);
    await q.query(`CREATE INDEX subsidy_applications_company ON subsidy_applications (company_id, created_at DESC)`);

    // Each submission as staff received it: "what changed since the return" is the difference of the last two.
    await q.query(`
      CREATE TABLE subsidy_submissions (
        application_id uuid NOT NULL REFERENCES subsidy_applications (id),
        seq integer NOT NULL,
        data jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, seq)
      )`);

    await q.query(`
      CREATE TABLE subsidy_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES subsidy_applications (id),
        kind text NOT NULL CHECK (kind IN ('quote', 'invoice', 'receipt')),
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        bytes integer NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX subsidy_files_application ON subsidy_files (application_id, created_at)`);

    // Notices are numbered per fiscal year (旭女活第{n}号); one counter row per year serialises numbering.
    await q.query(`CREATE TABLE subsidy_notice_counters (fiscal_year integer PRIMARY KEY, last integer NOT NULL)`);
    await q.query(`
      CREATE TABLE subsidy_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES subsidy_applications (id),
        program_id uuid NOT NULL REFERENCES subsidy_programs (id),
        kind text NOT NULL CHECK (kind IN ('decision', 'rejection', 'confirmation')),
        fiscal_year integer NOT NULL,
        seq integer NOT NULL,
        number text NOT NULL,
        issued_on date NOT NULL,
        amount_yen bigint,
        data jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'rendering', 'done', 'failed')),
        bytes integer,
        sha256 text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fiscal_year, seq),
        CHECK ((status = 'done') = (sha256 IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX subsidy_notices_application ON subsidy_notices (application_id, created_at)`);
    await q.query(`CREATE TABLE subsidy_notice_pdfs (notice_id uuid PRIMARY KEY REFERENCES subsidy_notices (id), pdf bytea NOT NULL)`);

    // A retried request with the same Idempotency-Key answers what the first one answered.
    await q.query(`
      CREATE TABLE subsidy_idempotency (
        user_id uuid NOT NULL REFERENCES users (id),
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);

    // The audit trail: written in the transaction of the change it records, never changed after.
    await q.query(`
      CREATE TABLE subsidy_events (
        id bigserial PRIMARY KEY,
        program_id uuid NOT NULL REFERENCES subsidy_programs (id),
        application_id uuid REFERENCES subsidy_applications (id),
        action text NOT NULL,
        from_state text,
        to_state text,
        actor_id uuid REFERENCES users (id),
        actor_role text,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX subsidy_events_application ON subsidy_events (application_id, id)`);
    await q.query(`
      CREATE FUNCTION subsidy_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'subsidy_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER subsidy_events_no_update_delete BEFORE UPDATE OR DELETE ON subsidy_events FOR EACH ROW EXECUTE FUNCTION subsidy_events_append_only()`);
    await q.query(`CREATE TRIGGER subsidy_events_no_truncate BEFORE TRUNCATE ON subsidy_events FOR EACH STATEMENT EXECUTE FUNCTION subsidy_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subsidy_events`);
    await q.query(`DROP FUNCTION subsidy_events_append_only`);
    await q.query(`DROP TABLE subsidy_idempotency`);
    await q.query(`DROP TABLE subsidy_notice_pdfs`);
    await q.query(`DROP TABLE subsidy_notices`);
    await q.query(`DROP TABLE subsidy_notice_counters`);
    await q.query(`DROP TABLE subsidy_files`);
    await q.query(`DROP TABLE subsidy_submissions`);
    await q.query(`DROP TABLE subsidy_applications`);
    await q.query(`DROP TABLE subsidy_programs`);
  }
}
