import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import { Report, type ReportKey, type ReportStatus } from './report.entity.js';

/** Every query on reports, report_pdfs and report_requests. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private reports() {
    return this.db.manager.getRepository(Report);
  }

  find(id: string): Promise<Report | null> {
    return this.reports().findOne({ where: { id: idOrNothing(id) } });
  }

  findByKey(key: ReportKey): Promise<Report | null> {
    return this.reports().findOne({ where: { ...key } });
  }

  /**
   * The report for this key, created when new. Concurrent identical requests race on the unique
   * key: one insert wins, every request answers that row.
   */
  async findOrCreate(key: ReportKey): Promise<{ report: Report; created: boolean }> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO reports (release_id, industry, size_class, locale, template_version, advice_version)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (release_id, industry, size_class, locale, template_version, advice_version) DO NOTHING RETURNING id`,
      [key.releaseId, key.industry, key.sizeClass, key.locale, key.templateVersion, key.adviceVersion],
    );
    return { report: (await this.findByKey(key))!, created: rows.length > 0 };
  }

  /** Many at once (a publication's batch); answers every key's row. */
  async findOrCreateMany(keys: ReportKey[]): Promise<Report[]> {
    if (!keys.length) return [];
    const col = <T>(f: (k: ReportKey) => T) => keys.map(f);
    await this.db.query(
      `INSERT INTO reports (release_id, industry, size_class, locale, template_version, advice_version)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (release_id, industry, size_class, locale, template_version, advice_version) DO NOTHING`,
      [col((k) => k.releaseId), col((k) => k.industry), col((k) => k.sizeClass), col((k) => k.locale), col((k) => k.templateVersion), col((k) => k.adviceVersion)],
    );
    const first = keys[0]!;
    const rows = await this.reports().find({ where: { releaseId: first.releaseId, templateVersion: first.templateVersion, adviceVersion: first.adviceVersion } });
    const wanted = new Set(keys.map((k) => `${k.industry}|${k.sizeClass}|${k.locale}`));
    return rows.filter((r) => wanted.has(`${r.industry}|${r.sizeClass}|${r.locale}`));
  }

  async recordRequest(reportId: string, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO report_requests (report_id, user_id) VALUES ($1, $2)
       ON CONFLICT (user_id, report_id) DO UPDATE SET requested_at = now()`,
      [reportId, userId],
    );
  }

  /**
   * The reports a person asked for, newest request first: one per release, scope and language.
   * A new template or advice version makes a new report of the same scope; listing both showed
   * two rows she could not tell apart, so the one she asked for last stands for the scope.
   */
  async requestedBy(userId: string, limit = 50): Promise<(Report & { requestedAt: Date })[]> {
    const rows: { id: string; requested_at: Date }[] = await this.db.query(
      `SELECT id, requested_at FROM (
         SELECT DISTINCT ON (r.release_id, r.industry, r.size_class, r.locale) r.id, q.requested_at
           FROM report_requests q JOIN reports r ON r.id = q.report_id
          WHERE q.user_id = $1
          ORDER BY r.release_id, r.industry, r.size_class, r.locale, q.requested_at DESC
       ) latest ORDER BY requested_at DESC LIMIT $2`,
      [userId, limit],
    );
    const reports = await this.reports().find({ where: { id: In(rows.map((r) => r.id)) } });
    const byId = new Map(reports.map((r) => [r.id, r]));
    return rows.flatMap((r) => (byId.has(r.id) ? [Object.assign(byId.get(r.id)!, { requestedAt: r.requested_at })] : []));
  }

  /** A failed report asked for again goes back to the queue. */
  async requeue(id: string): Promise<void> {
    await this.reports().update({ id, status: 'failed' }, { status: 'queued', progress: 0, error: null });
  }

  /** The worker took it; false when it is already done (a retried or duplicate job renders nothing). */
  async startRendering(id: string): Promise<boolean> {
    const result = await this.reports().update({ id, status: Not<ReportStatus>('done') }, { status: 'rendering', progress: 5, error: null });
    return (result.affected ?? 0) > 0;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.reports().update({ id, status: 'rendering' }, { progress });
  }

  /**
   * Stores the PDF and marks the report done in one transaction, only if it is not done yet: two
   * workers finishing the same report (a stalled job taken over) store it once.
   */
  async storeDone(id: string, pdf: Buffer, facts: { sha256: string; pages: number }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated: [unknown[], number] = await tx.query(
        `UPDATE reports SET status = 'done', progress = 100, bytes = $2, sha256 = $3, pages = $4, error = NULL,
                renders = renders + 1, finished_at = now(), updated_at = now()
          WHERE id = $1 AND status <> 'done' RETURNING id`,
        [id, pdf.length, facts.sha256, facts.pages],
      );
      if (updated[1] === 0) return false;
      await tx.query(`INSERT INTO report_pdfs (report_id, pdf) VALUES ($1, $2)`, [id, pdf]);
      return true;
    });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.reports().update({ id, status: Not<ReportStatus>('done') }, { status: 'failed', error });
  }

  /** A failed attempt that will be retried: back to queued, with the reason kept for the status page. */
  async markRetrying(id: string, error: string): Promise<void> {
    await this.reports().update({ id, status: 'rendering' }, { status: 'queued', error });
  }

  async pdf(id: string): Promise<Buffer | null> {
    const rows: { pdf: Buffer }[] = await this.db.query(`SELECT pdf FROM report_pdfs WHERE report_id = $1`, [id]);
    return rows[0]?.pdf ?? null;
  }

  /** A release's reports of one template and advice version, counted by status (a batch's progress). */
  async countByStatus(releaseId: string, templateVersion: string, adviceVersion: number): Promise<Record<ReportStatus, number>> {
    const rows: { status: ReportStatus; n: string }[] = await this.db.query(
      `SELECT status, count(*) AS n FROM reports WHERE release_id = $1 AND template_version = $2 AND advice_version = $3 GROUP BY status`,
      [releaseId, templateVersion, adviceVersion],
    );
    const counts: Record<ReportStatus, number> = { queued: 0, rendering: 0, done: 0, failed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
