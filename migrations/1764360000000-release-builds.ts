import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A release build requested from the staff page: its one-time form token (a second post of the same
 * form finds the same build), its stage as the worker reports it, and the draft it produced.
 */
export class ReleaseBuilds1764360000000 implements MigrationInterface {
  name = 'ReleaseBuilds1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE release_builds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by uuid NOT NULL REFERENCES users (id),
        token text NOT NULL,
        input jsonb NOT NULL,
        stage text NOT NULL DEFAULT 'queued'
          CHECK (stage IN ('queued', 'aggregating', 'protecting', 'storing', 'done', 'failed')),
        release_id uuid REFERENCES releases (id),
        error jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((stage = 'done') = (release_id IS NOT NULL)),
        UNIQUE (requested_by, token)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE release_builds`);
  }
}
