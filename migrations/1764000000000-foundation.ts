import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  AGE_BANDS, CHANNELS, EMPLOYED_TYPES, EMPLOYMENT_TYPES, INDUSTRIES, SECTORS, SIZE_BANDS, SIZE_CLASSES, TENURE_BANDS, THEMES,
  type CodeLabel,
} from '../libs/reference/src/reference-codes.js';

/** Identity, companies and the reference code tables (seeded from REFERENCE.md's lists). */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        corporate_number char(13) NOT NULL,
        industry text NOT NULL,
        employees integer NOT NULL CHECK (employees > 0),
        size_band text NOT NULL,
        address text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
        reviewed_by uuid,
        reviewed_at timestamptz,
        rejection_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX companies_corporate_number_key ON companies (corporate_number)`);
    await q.query(`CREATE INDEX companies_status_idx ON companies (status, created_at)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'city_staff', 'counsellor', 'company_manager')),
        company_id uuid REFERENCES companies (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'company_manager') = (company_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`ALTER TABLE companies ADD CONSTRAINT companies_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES users (id)`);
    await q.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        failed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at)`);

    const simple = async (table: string, rows: readonly CodeLabel[]) => {
      await q.query(`CREATE TABLE ${table} (code text PRIMARY KEY, label_ja text NOT NULL, label_en text NOT NULL, position integer NOT NULL)`);
      for (const [i, r] of rows.entries()) {
        await q.query(`INSERT INTO ${table} (code, label_ja, label_en, position) VALUES ($1, $2, $3, $4)`, [r.code, r.ja, r.en, i]);
      }
    };
    await simple('ref_sector', SECTORS);
    await simple('ref_size_class', SIZE_CLASSES);
    await simple('ref_age_band', AGE_BANDS);
    await simple('ref_tenure_band', TENURE_BANDS);
    await simple('ref_channel', CHANNELS);
    await simple('ref_theme', THEMES);
    await simple('ref_industry', INDUSTRIES);
    await q.query(`ALTER TABLE ref_industry ADD COLUMN sector text REFERENCES ref_sector (code)`);
    for (const i of INDUSTRIES) await q.query(`UPDATE ref_industry SET sector = $1 WHERE code = $2`, [i.sector, i.code]);
    await q.query(`ALTER TABLE ref_industry ALTER COLUMN sector SET NOT NULL`);
    await simple('ref_employment_type', EMPLOYMENT_TYPES);
    await q.query(`ALTER TABLE ref_employment_type ADD COLUMN employed boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE ref_employment_type SET employed = true WHERE code = ANY($1)`, [EMPLOYED_TYPES]);
    await simple('ref_size_band', SIZE_BANDS);
    await q.query(`ALTER TABLE ref_size_band ADD COLUMN min_employees integer, ADD COLUMN max_employees integer,
                   ADD COLUMN size_class text REFERENCES ref_size_class (code)`);
    for (const b of SIZE_BANDS) {
      await q.query(`UPDATE ref_size_band SET min_employees = $1, max_employees = $2, size_class = $3 WHERE code = $4`, [b.min, b.max, b.sizeClass, b.code]);
    }
    await q.query(`ALTER TABLE companies ADD CONSTRAINT companies_industry_fkey FOREIGN KEY (industry) REFERENCES ref_industry (code)`);
    await q.query(`ALTER TABLE companies ADD CONSTRAINT companies_size_band_fkey FOREIGN KEY (size_band) REFERENCES ref_size_band (code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures, sessions`);
    await q.query(`ALTER TABLE companies DROP CONSTRAINT companies_reviewed_by_fkey`);
    await q.query(`DROP TABLE users, companies`);
    await q.query(`DROP TABLE ref_size_band, ref_employment_type, ref_industry, ref_theme, ref_channel, ref_tenure_band, ref_age_band, ref_size_class, ref_sector`);
  }
}
