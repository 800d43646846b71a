import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What publishing a draft would cost the fiscal year's full release, as the worker measured it:
 * one row per draft and published set (its fingerprint), so that an answer computed before another
 * release was published is never shown as current. `round` counts the requests that started it
 * again after a failure: each round is its own job.
 */
export class ReleaseNextCosts1764550000000 implements MigrationInterface {
  name = 'ReleaseNextCosts1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE release_next_costs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
        fingerprint text NOT NULL,
        requested_by uuid NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        round integer NOT NULL DEFAULT 1,
        next_start date NOT NULL,
        next_end date NOT NULL,
        with_draft jsonb,
        without_draft jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'done') = (with_draft IS NOT NULL AND without_draft IS NOT NULL)),
        UNIQUE (release_id, fingerprint)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE release_next_costs`);
  }
}
