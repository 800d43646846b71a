import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import type { AuditReport, CellAggregate, DisclosedCell, DisclosureMode, PublishedRelease } from '@hokenshitsu/disclosure';
import { cellRefFromRow, type CellRow } from './cell-row.js';
import { Release } from './release.entity.js';

interface StoredCellRow extends CellRow {
  count: number | null;
  reason: DisclosedCell['reason'] | null;
}

export type NewDraft = Pick<Release, 'label' | 'periodStart' | 'periodEnd' | 'policy' | 'audit' | 'informationLoss' | 'correctsId' | 'createdBy'>;

/**
 * Every query on releases, their frozen cells and their (staff-only) input aggregates. Methods that
 * take `tx` run inside the caller's transaction.
 */
@Injectable()
export class ReleasesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string, tx?: EntityManager): Promise<Release | null> {
    return this.releases(tx).findOne({ where: { id: idOrNothing(id) } });
  }

  /** Newest period first. */
  list(filter: { publishedOnly: boolean }): Promise<Release[]> {
    const where = filter.publishedOnly ? { status: 'published' as const } : {};
    return this.releases().find({ where, order: { periodStart: 'DESC', createdAt: 'DESC' } });
  }

  /**
   * The k-anonymous releases, drafts and published, whose period lies inside [start, end] (a fiscal
   * year's series), by period. Noisy releases have no suppressed cells to count: not in a series.
   */
  kAnonymousWithin(start: string, end: string): Promise<Release[]> {
    return this.releases()
      .createQueryBuilder('r')
      .where('r.period_start >= :start AND r.period_end <= :end', { start, end })
      .andWhere(`coalesce(r.policy->>'mode', 'k_anonymity') = 'k_anonymity'`)
      .orderBy('r.period_start', 'ASC')
      .addOrderBy('r.period_end', 'ASC')
      .addOrderBy('r.created_at', 'ASC')
      .getMany();
  }

  /** The fiscal years (April to March) that hold a k-anonymous release inside them, newest first. */
  async fiscalYearsWithKAnonymousReleases(): Promise<number[]> {
    // A period inside one fiscal year: its start and end, moved back three months, share a calendar year.
    const rows: { fiscal_year: number }[] = await this.db.query(
      `SELECT DISTINCT extract(year FROM period_start - interval '3 months')::int AS fiscal_year
         FROM releases
        WHERE coalesce(policy->>'mode', 'k_anonymity') = 'k_anonymity'
          AND extract(year FROM period_start - interval '3 months') = extract(year FROM period_end - interval '3 months')
        ORDER BY fiscal_year DESC`,
    );
    return rows.map((r) => r.fiscal_year);
  }

  /** A draft with its cells and the aggregates it was built from, all or nothing; returns its id. */
  async insertDraft(
    draft: NewDraft,
    cells: DisclosedCell[],
    aggregates: CellAggregate[],
    /** The caller's own write in the same transaction (a staff page's build marked done with its draft). */
    alsoInTransaction?: (tx: EntityManager, releaseId: string) => Promise<void>,
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const entity = this.releases(tx).create({ ...draft, status: 'draft' });
      await this.releases(tx).insert(entity);
      await this.saveCells(tx, entity.id, cells);
      await this.saveInputs(tx, entity.id, aggregates);
      await alsoInTransaction?.(tx, entity.id);
      return entity.id;
    });
  }

  /**
   * The release to publish, row-locked, after taking the publication lock: one publication at a
   * time, since two drafts audited in parallel could each pass alone and leak together.
   */
  async lockForPublication(tx: EntityManager, id: string): Promise<Release | null> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('releases.publish'))`);
    return this.releases(tx).findOne({ where: { id: idOrNothing(id) }, lock: { mode: 'pessimistic_write' } });
  }

  async updateAudit(tx: EntityManager, id: string, audit: AuditReport): Promise<void> {
    await this.releases(tx).update(id, { audit });
  }

  async markPublished(tx: EntityManager, id: string, publishedBy: string, publishedAt: Date): Promise<void> {
    await this.releases(tx).update(id, { status: 'published', publishedBy, publishedAt });
  }

  /** Bulk insert through unnest: ~9,000 cells in one statement instead of 9,000 round trips. */
  private async saveCells(tx: EntityManager, releaseId: string, cells: DisclosedCell[]): Promise<void> {
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
  private async saveInputs(tx: EntityManager, releaseId: string, aggregates: CellAggregate[]): Promise<void> {
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

  /**
   * The sector scopes of each release's tables (which of `sectors` its cells have), in the order
   * of `releases`: which table design each was published on. Reads the employed totals' key range
   * of the primary key, a few rows per release.
   */
  async sectorScopes(releases: readonly { id: string }[], sectors: readonly string[], tx?: EntityManager): Promise<string[][]> {
    if (releases.length === 0) return [];
    const rows: { release_id: string; scopes: string[] }[] = await (tx ?? this.db).query(
      `SELECT release_id, array_agg(DISTINCT industry) AS scopes
         FROM release_cells
        WHERE release_id = ANY($1::uuid[]) AND population = 'employed' AND industry = ANY($2::text[])
        GROUP BY release_id`,
      [releases.map((r) => r.id), sectors],
    );
    const byId = new Map(rows.map((r) => [r.release_id, r.scopes]));
    return releases.map((r) => byId.get(r.id) ?? []);
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

  private releases(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(Release);
  }
}

export interface PublishedSummary {
  id: string;
  periodStart: string;
  periodEnd: string;
  mode: DisclosureMode;
  epsilon: number | null;
}
