import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import type { Consultation, ConsultationFilter, HeldOnRange, NewConsultation } from './consultation.js';

/** The columns a read returns; held_on as text so no time zone can shift the date. */
const SELECT_COLUMNS = `id, held_on::text AS held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type,
  tenure_band, channel, duration_min, themes, satisfaction, memo, recorded_by, recorded_at, import_id`;

interface ConsultationRow {
  id: string;
  held_on: string;
  client_ref: string;
  employer_hmac: string | null;
  industry: string;
  size_band: string | null;
  age_band: string;
  employment_type: string;
  tenure_band: string;
  channel: string;
  duration_min: number;
  themes: string[];
  satisfaction: number | null;
  memo: string | null;
  recorded_by: string;
  recorded_at: Date;
  import_id: string | null;
}

function toConsultation(r: ConsultationRow): Consultation {
  return {
    id: r.id,
    heldOn: r.held_on,
    clientRef: r.client_ref,
    employerHmac: r.employer_hmac,
    industry: r.industry,
    sizeBand: r.size_band,
    ageBand: r.age_band,
    employmentType: r.employment_type,
    tenureBand: r.tenure_band,
    channel: r.channel,
    durationMin: r.duration_min,
    themes: r.themes,
    satisfaction: r.satisfaction,
    memo: r.memo,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    importId: r.import_id,
  };
}

/** WHERE clause and parameters for an inclusive held_on range (and one client, when given). */
function rangeFilter(range: ConsultationFilter, params: unknown[]): string {
  const where: string[] = [];
  if (range.from) where.push(`held_on >= $${params.push(range.from)}::date`);
  if (range.to) where.push(`held_on <= $${params.push(range.to)}::date`);
  if (range.clientRef !== undefined) where.push(`client_ref = $${params.push(range.clientRef)}`);
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export interface ImportWriter {
  write(rows: readonly NewConsultation[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Many rows in one statement: one array parameter per column, zipped by unnest, so a batch of
 * thousands costs one round trip and a fixed number of parameters. themes travel as `a;b` text
 * (unnest would flatten a two-dimensional array) and are split back in SQL.
 */
async function insertBatch(runner: QueryRunner, rows: readonly NewConsultation[], recordedBy: string, importId: string): Promise<void> {
  const col = <T>(pick: (c: NewConsultation) => T) => rows.map(pick);
  await runner.query(
    `INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band,
       channel, duration_min, themes, satisfaction, recorded_by, import_id)
     SELECT u.held_on, u.client_ref, u.employer_hmac, u.industry, u.size_band, u.age_band, u.employment_type, u.tenure_band,
       u.channel, u.duration_min, string_to_array(u.themes, ';'), u.satisfaction, $13::uuid, $14::uuid
     FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::int[], $11::text[], $12::smallint[])
       AS u(held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band, channel,
            duration_min, themes, satisfaction)`,
    [
      col((c) => c.heldOn), col((c) => c.clientRef), col((c) => c.employerHmac), col((c) => c.industry), col((c) => c.sizeBand),
      col((c) => c.ageBand), col((c) => c.employmentType), col((c) => c.tenureBand), col((c) => c.channel),
      col((c) => c.durationMin), col((c) => c.themes.join(';')), col((c) => c.satisfaction), recordedBy, importId,
    ],
  );
}

/** The only place that builds SQL for consultations. */
@Injectable()
export class ConsultationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertOne(c: NewConsultation): Promise<Consultation> {
    const rows: ConsultationRow[] = await this.db.query(
      `INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band,
         channel, duration_min, themes, satisfaction, memo, recorded_by, import_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${SELECT_COLUMNS}`,
      [c.heldOn, c.clientRef, c.employerHmac, c.industry, c.sizeBand, c.ageBand, c.employmentType, c.tenureBand, c.channel,
        c.durationMin, c.themes, c.satisfaction, c.memo, c.recordedBy, c.importId],
    );
    return toConsultation(rows[0]!);
  }

  /**
   * A writer for one import: its rows go in batches into one transaction, opened at the first
   * batch (a file refused early never takes a connection) and committed or rolled back at the end.
   */
  importWriter(recordedBy: string, importId: string): ImportWriter {
    let runner: QueryRunner | null = null;
    const close = async (how: 'COMMIT' | 'ROLLBACK') => {
      if (!runner) return;
      const r = runner;
      runner = null;
      try {
        if (how === 'COMMIT') await r.commitTransaction();
        else if (r.isTransactionActive) await r.rollbackTransaction();
      } finally {
        await r.release();
      }
    };
    return {
      write: async (rows) => {
        if (rows.length === 0) return;
        if (!runner) {
          runner = this.db.createQueryRunner();
          await runner.connect();
          await runner.startTransaction();
        }
        await insertBatch(runner, rows, recordedBy, importId);
      },
      commit: () => close('COMMIT'),
      rollback: () => close('ROLLBACK'),
    };
  }

  /** Newest first (held_on, then when recorded). */
  async list(range: ConsultationFilter, limit: number, offset: number): Promise<{ items: Consultation[]; total: number }> {
    const params: unknown[] = [];
    const where = rangeFilter(range, params);
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${SELECT_COLUMNS} FROM consultations ${where}
         ORDER BY held_on DESC, recorded_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ) as Promise<ConsultationRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM consultations ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toConsultation), total: count[0]!.total };
  }

  /**
   * Streams a range oldest first through a server-side cursor, batchSize rows at a time, inside one
   * read-only REPEATABLE READ transaction: one consistent snapshot, and memory bounded by the batch
   * whatever the range holds. Stopping early (a client gone) closes the cursor and frees the connection.
   */
  async *streamRange(range: HeldOnRange, batchSize: number): AsyncGenerator<Consultation[]> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const params: unknown[] = [];
      const where = rangeFilter(range, params);
      await runner.query(
        `DECLARE consultations_export NO SCROLL CURSOR FOR
         SELECT ${SELECT_COLUMNS} FROM consultations ${where} ORDER BY held_on, recorded_at, id`,
        params,
      );
      for (;;) {
        const rows: ConsultationRow[] = await runner.query(`FETCH FORWARD ${Math.trunc(batchSize)} FROM consultations_export`);
        if (rows.length === 0) break;
        yield rows.map(toConsultation);
        if (rows.length < batchSize) break;
      }
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
