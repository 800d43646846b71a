import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per imported file, keyed by the import_id its consultations already carry. The unique
 * sha256 is what refuses the same file twice, even when two uploads of it race: the index decides.
 * consultations.import_id gets no foreign key: files imported before this table existed have no
 * record (and no hash) to point at.
 */
export class ConsultationImports1764350000000 implements MigrationInterface {
  name = 'ConsultationImports1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_imports (
        id uuid PRIMARY KEY,
        sha256 text NOT NULL CONSTRAINT consultation_imports_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        file_name text CONSTRAINT consultation_imports_file_name_length CHECK (char_length(file_name) <= 255),
        row_count integer NOT NULL CHECK (row_count >= 0),
        imported_by uuid NOT NULL REFERENCES users (id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultation_imports_sha256_key UNIQUE (sha256)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_imports`);
  }
}
