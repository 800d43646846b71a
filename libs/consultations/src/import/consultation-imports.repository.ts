import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConsultationImport } from './consultation-import.entity.js';

export interface NewConsultationImport {
  id: string;
  sha256: string;
  fileName: string | null;
  rowCount: number;
  importedBy: string;
}

/** An import already recorded for a file's hash, with who did it (her email, as colleagues know her). */
export interface EarlierImport {
  id: string;
  importedAt: Date;
  importedBy: { id: string; email: string };
  rowCount: number;
}

/** The record of each imported file (consultation_imports). */
@Injectable()
export class ConsultationImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records an import inside the import's own transaction. Answers null when recorded, or the
   * earlier import of the same file. ON CONFLICT DO NOTHING rather than catching the unique
   * violation: a violation would abort the transaction before the earlier import could be read,
   * and under a race PostgreSQL makes the second insert wait for the first's commit, then skip it.
   */
  async insert(tx: EntityManager, record: NewConsultationImport): Promise<EarlierImport | null> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ConsultationImport)
      .values({ id: record.id, sha256: record.sha256, fileName: record.fileName, rowCount: record.rowCount, importedBy: record.importedBy })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((result.raw as unknown[]).length === 1) return null;
    const earlier = await this.findBySha256(record.sha256, tx);
    // Only the unique sha256 can make the insert do nothing (the id is new): the row is there.
    if (!earlier) throw new Error('consultation import conflict without an earlier import');
    return earlier;
  }

  async findBySha256(sha256: string, tx?: EntityManager): Promise<EarlierImport | null> {
    const rows: { id: string; imported_at: Date; row_count: number; user_id: string; email: string }[] = await (tx ?? this.db).query(
      `SELECT i.id, i.imported_at, i.row_count, u.id AS user_id, u.email
         FROM consultation_imports i JOIN users u ON u.id = i.imported_by
        WHERE i.sha256 = $1`,
      [sha256],
    );
    const r = rows[0];
    return r ? { id: r.id, importedAt: r.imported_at, rowCount: r.row_count, importedBy: { id: r.user_id, email: r.email } } : null;
  }

  findById(id: string): Promise<ConsultationImport | null> {
    return this.db.getRepository(ConsultationImport).findOneBy({ id });
  }
}
