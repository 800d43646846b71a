import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANNELS, THEMES } from '../libs/reference/src/reference-codes.js';

/** Releases, their frozen cells, and the (staff-only) aggregates each was built from. */
export class Releases1764200000000 implements MigrationInterface {
  name = 'Releases1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Themes and channels as bit masks (bit i = the i-th code of REFERENCE.md's list), computed once
    // when a row is written, so the release aggregation ORs integers instead of scanning arrays.
    const themeMask = THEMES.map((t, i) => `(CASE WHEN '${t.code}' = ANY (themes) THEN ${2 ** i} ELSE 0 END)`).join(' | ');
    const channels = `ARRAY[${CHANNELS.map((c) => `'${c.code}'`).join(', ')}]::text[]`;
    await q.query(`ALTER TABLE consultations ADD COLUMN theme_mask integer GENERATED ALWAYS AS (${themeMask}) STORED`);
    await q.query(`ALTER TABLE consultations ADD COLUMN channel_mask integer GENERATED ALWAYS AS (1 << (array_position(${channels}, channel) - 1)) STORED`);
    await q.query(`
      CREATE TABLE releases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        label text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        policy jsonb NOT NULL,
        audit jsonb NOT NULL,
        information_loss jsonb NOT NULL,
        corrects_id uuid REFERENCES releases (id),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users (id),
        published_at timestamptz,
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX releases_period_idx ON releases (status, period_start, period_end)`);
    await q.query(`
      CREATE TABLE release_cells (
        release_id uuid NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
        population text NOT NULL,
        industry text NOT NULL,
        size_class text NOT NULL,
        dimension text NOT NULL,
        category text NOT NULL,
        count integer CHECK (count >= 0),
        reason text,
        PRIMARY KEY (release_id, population, industry, size_class, dimension, category)
      )`);
    await q.query(`
      CREATE TABLE release_inputs (
        release_id uuid PRIMARY KEY REFERENCES releases (id) ON DELETE CASCADE,
        aggregates jsonb NOT NULL
      )`);
    // Published releases are immutable: refuse any change to them or their cells at the database too.
    await q.query(`
      CREATE FUNCTION releases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'release % is published and immutable', OLD.id;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE FUNCTION release_cells_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM releases WHERE id = OLD.release_id AND status = 'published') THEN
          RAISE EXCEPTION 'cells of published release % are immutable', OLD.release_id;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON releases FOR EACH ROW EXECUTE FUNCTION releases_immutable()`);
    await q.query(`CREATE TRIGGER release_cells_immutable BEFORE UPDATE OR DELETE ON release_cells FOR EACH ROW EXECUTE FUNCTION release_cells_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE release_inputs, release_cells, releases`);
    await q.query(`ALTER TABLE consultations DROP COLUMN theme_mask, DROP COLUMN channel_mask`);
    await q.query(`DROP FUNCTION releases_immutable(), release_cells_immutable()`);
  }
}
