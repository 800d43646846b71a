import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PDF feedback reports. Advice for employers is versioned: a version is a complete set, never
 * edited after it is saved, so a report names the version it used and an old report stays true.
 * A report is one (release, scope, locale, template version, advice version): the unique key is
 * what makes a repeated request the same report. The PDF's bytes live in their own table, so that
 * listing reports never reads them.
 */
export class Reports1764400000000 implements MigrationInterface {
  name = 'Reports1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_advice_versions (
        version integer PRIMARY KEY CHECK (version > 0),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE report_advice (
        version integer NOT NULL REFERENCES report_advice_versions (version),
        theme text NOT NULL,
        ja text NOT NULL,
        en text NOT NULL,
        PRIMARY KEY (version, theme)
      )`);
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_id uuid NOT NULL REFERENCES releases (id),
        industry text NOT NULL,
        size_class text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('ja', 'en')),
        template_version text NOT NULL,
        advice_version integer NOT NULL REFERENCES report_advice_versions (version),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'rendering', 'done', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        bytes integer,
        sha256 text,
        pages integer,
        error text,
        renders integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK ((status = 'done') = (sha256 IS NOT NULL)),
        UNIQUE (release_id, industry, size_class, locale, template_version, advice_version)
      )`);
    await q.query(`
      CREATE TABLE report_pdfs (
        report_id uuid PRIMARY KEY REFERENCES reports (id),
        pdf bytea NOT NULL
      )`);
    // Who asked for which report: a manager's list of her past reports.
    await q.query(`
      CREATE TABLE report_requests (
        report_id uuid NOT NULL REFERENCES reports (id),
        user_id uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, report_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_requests`);
    await q.query(`DROP TABLE report_pdfs`);
    await q.query(`DROP TABLE reports`);
    await q.query(`DROP TABLE report_advice`);
    await q.query(`DROP TABLE report_advice_versions`);
  }
}
