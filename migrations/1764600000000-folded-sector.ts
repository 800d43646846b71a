import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The folded tables' sector margin (第一次・第二次産業, divisions A–E) in the sector code table, so a
 * database migrated before it existed holds the same list as a fresh one (the foundation seeds
 * ref_sector from the current code list).
 */
export class FoldedSector1764600000000 implements MigrationInterface {
  name = 'FoldedSector1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO ref_sector (code, label_ja, label_en, position)
       VALUES ('primary_secondary', '第一次・第二次産業', 'Primary and secondary sectors', 3)
       ON CONFLICT (code) DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ref_sector WHERE code = 'primary_secondary'`);
  }
}
