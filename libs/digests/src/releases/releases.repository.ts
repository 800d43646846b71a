import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CellAggregate, DisclosedCell, DisclosureMode, PublishedRelease } from '@hokenshitsu/disclosure';
import { cellRefFromRow, type CellRow } from '../aggregation/cell-row.js';

interface StoredCellRow extends CellRow {
  count: number | null;
  reason: DisclosedCell['reason'] | null;
}

/** SQL for a release's frozen cells and its (staff-only) input aggregates. */
@Injectable()
export class ReleasesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Bulk insert through unnest: ~9,000 cells in one statement instead of 9,000 round trips. */
  async saveCells(tx: EntityManager, releaseId: string, cells: DisclosedCell[]): Promise<void> {
    await tx.query(
      `INSERT INTO release_cells (release_id, population, industry, size_class, dimension, category, count, reason)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])`,
      [
        releaseId,
        cells.map((c) => c.population),
        cells.map((c) => c.industry),
        cells.map((c) => c.sizeClass),
        cells.map((c) => c.dimension),
        cells.map((c) => c.category),
        cells.map((c) => c.count),
        cells.map((c) => c.reason ?? null),
      ],
    );
  }

  /** The true aggregates a draft was built from: kept for the publish-time re-audit, never served. */
  async saveInputs(tx: EntityManager, releaseId: string, aggregates: CellAggregate[]): Promise<void> {
    await tx.query(`INSERT INTO release_inputs (release_id, aggregates) VALUES ($1, $2::jsonb)`, [releaseId, JSON.stringify(aggregates)]);
  }

  async inputs(releaseId: string, tx?: EntityManager): Promise<CellAggregate[]> {
    const rows: { aggregates: CellAggregate[] }[] = await (tx ?? this.db).query(`SELECT aggregates FROM release_inputs WHERE release_id = $1`, [releaseId]);
    return rows[0]?.aggregates ?? [];
  }

  async cells(releaseId: string, tx?: EntityManager): Promise<DisclosedCell[]> {
    const rows: StoredCellRow[] = await (tx ?? this.db).query(
      `SELECT population, industry, size_class, dimension, category, count, reason
         FROM release_cells WHERE release_id = $1
        ORDER BY population DESC, dimension, industry, size_class, category`,
      [releaseId],
    );
    return rows.map((r) => ({
      ...cellRefFromRow(r),
      count: r.count,
      ...(r.reason ? { reason: r.reason } : {}),
    }));
  }

  /**
   * The cells of the k-anonymous releases among `summaries`: what an attacker combines with a new
   * one. (Differentially private releases hold noisy counts, no exact relation to solve.)
   */
  async exactReleases(summaries: PublishedSummary[], tx?: EntityManager): Promise<PublishedRelease[]> {
    const result: PublishedRelease[] = [];
    for (const r of summaries.filter((s) => s.mode === 'k_anonymity')) {
      // Prior releases are public knowledge: their cells go in without suppression reasons.
      const cells = (await this.cells(r.id, tx)).map(({ reason: _reason, ...cell }) => cell);
      result.push({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd, cells });
    }
    return result;
  }

  /** Every published release overlapping [start, end], oldest publication first, with its mode and budget. */
  async publishedSummaries(periodStart: string, periodEnd: string, tx?: EntityManager, excludeId?: string): Promise<PublishedSummary[]> {
    const rows: { id: string; period_start: string; period_end: string; mode: DisclosureMode; epsilon: number | null }[] = await (tx ?? this.db).query(
      `SELECT id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              coalesce(policy->>'mode', 'k_anonymity') AS mode, (policy->>'epsilon')::float8 AS epsilon
         FROM releases
        WHERE status = 'published' AND period_start <= $2::date AND period_end >= $1::date AND id IS DISTINCT FROM $3::uuid
        ORDER BY published_at`,
      [periodStart, periodEnd, excludeId ?? null],
    );
    return rows.map((r) => ({ id: r.id, periodStart: r.period_start, periodEnd: r.period_end, mode: r.mode, epsilon: r.epsilon }));
  }
}

export interface PublishedSummary {
  id: string;
  periodStart: string;
  periodEnd: string;
  mode: DisclosureMode;
  epsilon: number | null;
}
