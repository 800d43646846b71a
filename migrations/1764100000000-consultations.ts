import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EMPLOYED_TYPES, THEMES } from '../libs/reference/src/reference-codes.js';

/**
 * Anonymous career consultations. The column names are a contract with the digest SQL.
 * The CHECKs repeat the service's rules so that no path (a script, a later import) can store a
 * row the digests would miscount.
 */
export class Consultations1764100000000 implements MigrationInterface {
  name = 'Consultations1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const themes = THEMES.map((t) => `'${t.code}'`).join(', ');
    const employed = EMPLOYED_TYPES.map((t) => `'${t}'`).join(', ');
    await q.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        held_on date NOT NULL,
        client_ref text NOT NULL CONSTRAINT consultations_client_ref_length CHECK (char_length(client_ref) BETWEEN 1 AND 64),
        employer_hmac text CONSTRAINT consultations_employer_hmac_hex CHECK (employer_hmac ~ '^[0-9a-f]{64}$'),
        industry text NOT NULL REFERENCES ref_industry (code),
        size_band text REFERENCES ref_size_band (code),
        age_band text NOT NULL REFERENCES ref_age_band (code),
        employment_type text NOT NULL REFERENCES ref_employment_type (code),
        tenure_band text NOT NULL REFERENCES ref_tenure_band (code),
        channel text NOT NULL REFERENCES ref_channel (code),
        duration_min integer NOT NULL CHECK (duration_min BETWEEN 1 AND 480),
        themes text[] NOT NULL CHECK (cardinality(themes) >= 1)
          CONSTRAINT consultations_themes_known CHECK (themes <@ ARRAY[${themes}]::text[]),
        satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
        memo text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        import_id uuid,
        CONSTRAINT consultations_size_band_when_employed CHECK (size_band IS NOT NULL OR employment_type NOT IN (${employed}))
      )`);
    await q.query(`CREATE INDEX consultations_held_on_idx ON consultations (held_on)`);
    await q.query(`CREATE INDEX consultations_client_idx ON consultations (client_ref, held_on)`);
    await q.query(`CREATE INDEX consultations_import_idx ON consultations (import_id) WHERE import_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultations`);
  }
}
