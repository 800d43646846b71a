import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import type { NewConsultation } from '../consultations/consultation.js';
import { repeatText } from '../consultations/consultation-messages.js';
import { checkConsultationRow } from '../consultations/consultation-row.validator.js';
import { ConsultationsRepository, type BatchOptions, type ImportWriter } from '../consultations/consultations.repository.js';
import { EmployerHmac } from '../consultations/employer-hmac.js';
import { noRows, readConsultationCsv } from './consultation-csv.reader.js';
import { ConsultationImportsRepository } from './consultation-imports.repository.js';
import { CsvErrorList } from './csv-import.error.js';
import { openCsvUpload, type CsvUpload } from './csv-upload.js';
import { FileAlreadyImportedError } from './file-already-imported.error.js';

export interface ImportResult {
  imported: number;
  importId: string;
}

export interface ImportOptions {
  /** The counsellor confirmed that rows repeating stored consultations are new ones. */
  confirmNew?: boolean;
  /** As the browser named the file; stored with the import record, never logged. */
  fileName?: string | null;
}

/**
 * Rows per INSERT: large enough that 100,000 rows are 50 round trips, small enough that a batch's
 * arrays (a few hundred KB) are all the memory an import holds.
 */
export const IMPORT_BATCH_SIZE = 2000;

const REPEAT_MESSAGE = repeatText().en;
const FILE_NAME_MAX = 255;

/** A form's `confirm_new` field: a checkbox sends "on" (or its value), a script "true". */
export function isConfirmed(value: unknown): boolean {
  return typeof value === 'string' && ['true', '1', 'on'].includes(value.trim().toLowerCase());
}

/** Passes the bytes through while hashing them: the file's SHA-256 is known when it has been read. */
function hashWhileReading(source: Readable): { stream: Readable; sha256(): string } {
  const hash = createHash('sha256');
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // The reader sees a failure through `errored` or its own listener; this one only keeps a failure
  // before the reader starts (an upload over the limit) from being an unhandled 'error' event.
  stream.on('error', () => undefined);
  if (source.errored) stream.destroy(source.errored);
  else {
    source.on('error', (error) => stream.destroy(error));
    source.pipe(stream);
  }
  return { stream, sha256: () => hash.digest('hex') };
}

/**
 * Imports a consultation CSV all or nothing: every row checked, any bad row and nothing is stored;
 * the same file twice is refused (409) and rows repeating stored consultations are refused by line
 * (422) unless the counsellor confirms they are new.
 */
@Injectable()
export class ConsultationImportService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly imports: ConsultationImportsRepository,
    private readonly employerHmac: EmployerHmac,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An upload request (text/csv or multipart `file`), read as a stream. */
  importUpload(req: IncomingMessage, counsellor: AuthenticatedUser, options: ImportOptions = {}): Promise<ImportResult> {
    return this.importUploaded(this.openUpload(req), counsellor, options);
  }

  /** Opens an upload without reading it (a page first needs the form's CSRF field). */
  openUpload(req: IncomingMessage, options: { trustCounting?: boolean } = {}): CsvUpload {
    return openCsvUpload(req, this.config.importMaxBytes, options);
  }

  /** A form's `confirm_new` field (sent before the file) counts like the option. */
  async importUploaded(upload: CsvUpload, counsellor: AuthenticatedUser, options: ImportOptions = {}): Promise<ImportResult> {
    try {
      const form = await upload.form;
      return await this.importCsv(upload.csv, counsellor, {
        confirmNew: options.confirmNew || isConfirmed(form.fields.confirm_new),
        fileName: options.fileName ?? (form.fileName ? form.fileName.slice(0, FILE_NAME_MAX) : null),
      });
    } finally {
      upload.discardRest();
    }
  }

  /**
   * Valid rows are written in batches inside one transaction while the file streams in, one batch
   * in flight while the next is parsed (Node checks rows while PostgreSQL writes). Each batch is
   * first checked for repeats in SQL; the file's own earlier batches are in the transaction, so a
   * repeat of an earlier line is found too. After the first bad row writing stops but checking
   * goes on, so the answer lists every bad line (a repeat is not a bad row: writing goes on, so
   * every repeat can be listed). At the end, in the same transaction, the import is recorded under
   * the file's hash; the transaction commits only when the whole file was good and new.
   */
  async importCsv(csv: Readable, counsellor: AuthenticatedUser, options: ImportOptions = {}): Promise<ImportResult> {
    const importId = randomUUID();
    const errors = new CsvErrorList();
    const file = hashWhileReading(csv);
    const writer = new PipelinedWriter(this.consultations.importWriter(counsellor.id, importId), (lines) => {
      for (const line of lines) errors.add(line, null, REPEAT_MESSAGE, repeatText(), true);
    });
    let batch: NewConsultation[] = [];
    let lines: number[] = [];
    const dispatch = async () => {
      await writer.write(batch, lines, { checkRepeats: !options.confirmNew, insert: !errors.hasInvalid });
      batch = [];
      lines = [];
    };
    try {
      for await (const { line, row } of readConsultationCsv(file.stream, errors)) {
        const result = checkConsultationRow(row);
        if (!result.ok) {
          for (const p of result.problems) errors.add(line, p.column, p.message, p.text);
          continue;
        }
        // A refused file with no repeats to look for: nothing more to learn from good rows.
        if (errors.hasInvalid && options.confirmNew) continue;
        const { employerKey, ...rest } = result.value;
        batch.push({ ...rest, employerHmac: this.employerHmac.of(employerKey), recordedBy: counsellor.id, importId });
        lines.push(line);
        if (batch.length >= IMPORT_BATCH_SIZE) await dispatch();
      }
      await dispatch();
      const imported = await writer.flush();
      const sha256 = file.sha256();
      if (!errors.isEmpty) {
        // The same file again: its rows all repeat the first import's; say which import it was.
        const earlier = await this.imports.findBySha256(sha256);
        if (earlier) throw new FileAlreadyImportedError(earlier);
        throw errors.toError();
      }
      if (imported === 0) throw noRows(2);
      const earlier = await writer.inTransaction((tx) =>
        this.imports.insert(tx, { id: importId, sha256, fileName: options.fileName ?? null, rowCount: imported, importedBy: counsellor.id }),
      );
      if (earlier) throw new FileAlreadyImportedError(earlier);
      await writer.commit();
      return { imported, importId };
    } finally {
      await writer.rollback();
    }
  }
}

/**
 * Keeps at most one batch running: write() waits for the previous one, then starts the next. The
 * repeats a batch finds are reported by line when it settles.
 */
class PipelinedWriter {
  private inFlight: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private written = 0;

  constructor(
    private readonly writer: ImportWriter,
    private readonly onRepeats: (lines: number[]) => void,
  ) {}

  async write(rows: NewConsultation[], lines: number[], options: BatchOptions): Promise<void> {
    await this.settle();
    if (rows.length === 0) return;
    // Caught at once (an unhandled rejection would end the process), rethrown by the next settle().
    this.inFlight = this.writer.write(rows, options).then(
      (repeats) => {
        if (options.insert) this.written += rows.length;
        if (repeats.length) this.onRepeats(repeats.map((i) => lines[i]!));
      },
      (error: unknown) => void (this.failure = { error }),
    );
  }

  async flush(): Promise<number> {
    await this.settle();
    return this.written;
  }

  inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.writer.inTransaction(work);
  }

  commit(): Promise<void> {
    return this.writer.commit();
  }

  async rollback(): Promise<void> {
    await this.inFlight;
    await this.writer.rollback();
  }

  private async settle(): Promise<void> {
    await this.inFlight;
    if (this.failure) throw this.failure.error;
  }
}
