import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
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

export interface BatchOptions {
  /** Look for rows that repeat a stored consultation (this file's rows written so far included) or an earlier row of the batch. */
  checkRepeats: boolean;
  /** Write the rows (false once the file is known to be refused: only checking goes on). */
  insert: boolean;
}

export interface ImportWriter {
  /** Answers the positions in `rows` of the repeats found (none when not asked to look). */
  write(rows: readonly NewConsultation[], options: BatchOptions): Promise<number[]>;
  /** Runs `work` inside the import's transaction (opening it if no batch has). */
  inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** The themes of a row in one order, so that `health;startup` and `startup;health` are the same consultation. */
const themesKey = (themes: readonly string[]) => [...themes].sort().join(';');

/**
 * Which rows of a batch repeat a stored consultation (same client_ref, held_on, channel and set of
 * themes) or an earlier row of the batch. One statement per batch: the (client_ref, held_on) index
 * finds each row's candidates; themes compare as sets (@> and <@), whatever their order.
 */
async function findRepeats(db: QueryRunner | DataSource, rows: readonly NewConsultation[]): Promise<number[]> {
  const found: { ord: number }[] = await db.query(
    `WITH u AS (
       SELECT * FROM unnest($1::int[], $2::text[], $3::date[], $4::text[], $5::text[]) AS u(ord, client_ref, held_on, channel, themes)
     )
     SELECT ord FROM (
       SELECT u.ord,
              row_number() OVER (PARTITION BY u.client_ref, u.held_on, u.channel, u.themes ORDER BY u.ord) AS nth,
              EXISTS (
                SELECT 1 FROM consultations c
                 WHERE c.client_ref = u.client_ref AND c.held_on = u.held_on AND c.channel = u.channel
                   AND c.themes @> string_to_array(u.themes, ';') AND c.themes <@ string_to_array(u.themes, ';')
              ) AS stored
         FROM u
     ) x
     WHERE nth > 1 OR stored
     ORDER BY ord`,
    [rows.map((_, i) => i), rows.map((r) => r.clientRef), rows.map((r) => r.heldOn), rows.map((r) => r.channel), rows.map((r) => themesKey(r.themes))],
  );
  return found.map((f) => f.ord);
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

/**
 * The only place that builds SQL for consultations. ConsultationEntity describes the table, but the
 * queries stay SQL on purpose: an import writes thousands of rows per statement through unnest (an
 * ORM insert would bind 14 parameters per row), the export reads through a server-side cursor, the
 * repeat check compares themes as sets, and held_on is read as text so no time zone can shift it.
 */
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
    const open = async (): Promise<QueryRunner> => {
      if (!runner) {
        const r = this.db.createQueryRunner();
        await r.connect();
        runner = r;
        await r.startTransaction();
      }
      return runner;
    };
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
      write: async (rows, options) => {
        if (rows.length === 0 || (!options.insert && !options.checkRepeats)) return [];
        // Only checking (the file is refused) and nothing written yet: no transaction is needed.
        const db = options.insert || runner ? await open() : this.db;
        const repeats = options.checkRepeats ? await findRepeats(db, rows) : [];
        if (options.insert) await insertBatch(db as QueryRunner, rows, recordedBy, importId);
        return repeats;
      },
      inTransaction: async (work) => work((await open()).manager),
      commit: () => close('COMMIT'),
      rollback: () => close('ROLLBACK'),
    };
  }

  /** The first and last session dates in a range (null when it holds none): the export's file name. */
  async heldOnBounds(range: HeldOnRange): Promise<{ first: string; last: string } | null> {
    const params: unknown[] = [];
    const where = rangeFilter(range, params);
    const rows: { first: string | null; last: string | null }[] = await this.db.query(
      `SELECT min(held_on)::text AS first, max(held_on)::text AS last FROM consultations ${where}`,
      params,
    );
    const r = rows[0];
    return r?.first && r.last ? { first: r.first, last: r.last } : null;
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
