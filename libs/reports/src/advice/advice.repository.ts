import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdviceEntry } from '../content/report-input.js';

export interface AdviceVersion {
  version: number;
  createdBy: string | null;
  createdAt: Date;
  entries: AdviceEntry[];
}

/** Every query on report_advice_versions and report_advice. */
@Injectable()
export class AdviceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latestVersion(): Promise<number | null> {
    const rows: { v: number | null }[] = await this.db.query(`SELECT max(version) AS v FROM report_advice_versions`);
    return rows[0]?.v ?? null;
  }

  async get(version: number): Promise<AdviceVersion | null> {
    const head: { version: number; created_by: string | null; created_at: Date }[] = await this.db.query(
      `SELECT version, created_by, created_at FROM report_advice_versions WHERE version = $1`,
      [version],
    );
    if (!head[0]) return null;
    const entries: AdviceEntry[] = await this.db.query(`SELECT theme, ja, en FROM report_advice WHERE version = $1 ORDER BY theme`, [version]);
    return { version: head[0].version, createdBy: head[0].created_by, createdAt: head[0].created_at, entries };
  }

  async list(): Promise<{ version: number; createdBy: string | null; createdAt: Date }[]> {
    const rows: { version: number; created_by: string | null; created_at: Date }[] = await this.db.query(
      `SELECT version, created_by, created_at FROM report_advice_versions ORDER BY version DESC`,
    );
    return rows.map((r) => ({ version: r.version, createdBy: r.created_by, createdAt: r.created_at }));
  }

  /**
   * Saves a new complete version as `expected + 1`. Two editors saving from the same version race
   * on the primary key: one wins, the other gets false (and is told to reload), so no edit is
   * silently lost.
   */
  async insertVersion(expected: number, createdBy: string | null, entries: readonly AdviceEntry[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO report_advice_versions (version, created_by) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING RETURNING version`,
        [expected + 1, createdBy],
      );
      if (!inserted.length) return false;
      await tx.query(
        `INSERT INTO report_advice (version, theme, ja, en) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [expected + 1, entries.map((e) => e.theme), entries.map((e) => e.ja), entries.map((e) => e.en)],
      );
      return true;
    });
  }
}
