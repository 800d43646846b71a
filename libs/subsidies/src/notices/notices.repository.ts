import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import type { NoticeData, NoticeInput, NoticeKind } from './notice-input.js';

export interface IssueNotice {
  applicationId: string;
  programId: string;
  fiscalYear: number;
  /** The programme's format, e.g. 旭女活第{n}号. */
  numberFormat: string;
  kind: NoticeKind;
  issuedOn: string;
  amountYen: bigint | null;
  data: NoticeData;
}

/** Every query on subsidy_notices, their counters and PDFs. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Issues a notice inside the decision's transaction: the next number of its fiscal year (the
   * counter row is locked until commit, so numbers have no gaps and no duplicates), and the words
   * it will print, frozen.
   */
  async issue(m: EntityManager, n: IssueNotice): Promise<{ id: string; number: string }> {
    const [{ last }] = (await m.query(
      `INSERT INTO subsidy_notice_counters (fiscal_year, last) VALUES ($1, 1)
       ON CONFLICT (fiscal_year) DO UPDATE SET last = subsidy_notice_counters.last + 1 RETURNING last`,
      [n.fiscalYear],
    )) as [{ last: number }];
    const number = n.numberFormat.replace('{n}', String(last));
    const [{ id }] = (await m.query(
      `INSERT INTO subsidy_notices (application_id, program_id, kind, fiscal_year, seq, number, issued_on, amount_yen, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [n.applicationId, n.programId, n.kind, n.fiscalYear, last, number, n.issuedOn, n.amountYen?.toString() ?? null, JSON.stringify(n.data)],
    )) as [{ id: string }];
    return { id, number };
  }

  /**
   * Claims a notice for rendering: null when it is done already (a job run twice renders once).
   * A notice left 'rendering' by a worker that died is claimed again by the job's retry.
   */
  async startRender(id: string): Promise<NoticeInput | null> {
    const rows = (await this.db.query(
      `UPDATE subsidy_notices SET status = 'rendering', error = NULL WHERE id = $1 AND status <> 'done'
       RETURNING kind, number, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, data`,
      [idOrNothing(id)],
    )) as [{ kind: NoticeKind; number: string; issued_on: string; data: NoticeData }[], number];
    const row = rows[0][0];
    return row ? { kind: row.kind, number: row.number, issuedOn: row.issued_on, data: row.data } : null;
  }

  /** Stores the PDF and marks the notice done in one transaction; a second finish changes nothing. */
  async finishRender(id: string, pdf: Buffer, sha256: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const done = (await m.query(`UPDATE subsidy_notices SET status = 'done', sha256 = $2, bytes = $3, error = NULL WHERE id = $1 AND status <> 'done' RETURNING id`, [id, sha256, pdf.length])) as [unknown[], number];
      if (!done[0].length) return false;
      await m.query(`INSERT INTO subsidy_notice_pdfs (notice_id, pdf) VALUES ($1, $2)`, [id, pdf]);
      return true;
    });
  }

  /** A failed attempt: queued again while BullMQ retries, failed after the last one. */
  async failRender(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(`UPDATE subsidy_notices SET status = $2, error = $3 WHERE id = $1 AND status <> 'done'`, [id, final ? 'failed' : 'queued', error.slice(0, 500)]);
  }

  /** Notices issued while Redis was down: still queued some time after their decision committed. */
  /** A failed notice back to queued (staff asked for it again); false when it was not failed. */
  async requeueFailed(id: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE subsidy_notices SET status = 'queued', error = NULL WHERE id = $1 AND status = 'failed'`, [id])) as [unknown, number];
    return count === 1;
  }

  async queuedBefore(seconds: number, limit = 100): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM subsidy_notices WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /** An application's notices, oldest first. */
  forApplication(applicationId: string): Promise<NoticeRow[]> {
    return this.db.query(`${NOTICE_ROW} WHERE n.application_id = $1 ORDER BY n.fiscal_year, n.seq`, [idOrNothing(applicationId)]);
  }

  find(id: string): Promise<NoticeRow | undefined> {
    return this.db.query(`${NOTICE_ROW} WHERE n.id = $1`, [idOrNothing(id)]).then((rows: NoticeRow[]) => rows[0]);
  }

  /** The register: every notice issued, by number, optionally of one programme and kind. */
  register(f: { programId?: string; kind?: NoticeKind }): Promise<NoticeRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.programId) where.push(`n.program_id = $${params.push(idOrNothing(f.programId))}`);
    if (f.kind) where.push(`n.kind = $${params.push(f.kind)}`);
    return this.db.query(`${NOTICE_ROW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.fiscal_year, n.seq`, params);
  }

  async pdf(id: string): Promise<Buffer | undefined> {
    const rows: { pdf: Buffer }[] = await this.db.query(`SELECT pdf FROM subsidy_notice_pdfs WHERE notice_id = $1`, [id]);
    return rows[0]?.pdf;
  }
}

/** A notice as its list, register and download read it (without its PDF). */
export interface NoticeRow {
  id: string;
  application_id: string;
  program_id: string;
  company_id: string;
  company_name: string;
  kind: NoticeKind;
  number: string;
  fiscal_year: number;
  seq: number;
  issued_on: string;
  amount_yen: string | null;
  status: 'queued' | 'rendering' | 'done' | 'failed';
  bytes: number | null;
  sha256: string | null;
  change: boolean;
}

const NOTICE_ROW = `
  SELECT n.id, n.application_id, n.program_id, a.company_id, n.data->>'companyName' AS company_name, n.kind, n.number,
         n.fiscal_year, n.seq, to_char(n.issued_on, 'YYYY-MM-DD') AS issued_on, n.amount_yen::text AS amount_yen,
         n.status, n.bytes, n.sha256, COALESCE((n.data->>'change')::boolean, false) AS change
  FROM subsidy_notices n JOIN subsidy_applications a ON a.id = n.application_id`;
