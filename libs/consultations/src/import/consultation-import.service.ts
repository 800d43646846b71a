import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import type { NewConsultation } from '../consultations/consultation.js';
import { validateConsultationRow } from '../consultations/consultation-row.validator.js';
import { ConsultationsRepository, type ImportWriter } from '../consultations/consultations.repository.js';
import { EmployerHmac } from '../consultations/employer-hmac.js';
import { readConsultationCsv } from './consultation-csv.reader.js';
import { CsvErrorList, CsvImportError } from './csv-import.error.js';
import { openCsvUpload, type CsvUpload } from './csv-upload.js';

export interface ImportResult {
  imported: number;
  importId: string;
}

/**
 * Rows per INSERT: large enough that 100,000 rows are 50 round trips, small enough that a batch's
 * arrays (a few hundred KB) are all the memory an import holds.
 */
export const IMPORT_BATCH_SIZE = 2000;

/** Imports a consultation CSV all or nothing: every row checked, any bad row and nothing is stored. */
@Injectable()
export class ConsultationImportService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly employerHmac: EmployerHmac,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An upload request (text/csv or multipart `file`), read as a stream. */
  importUpload(req: IncomingMessage, counsellor: AuthenticatedUser): Promise<ImportResult> {
    return this.importUploaded(this.openUpload(req), counsellor);
  }

  /** Opens an upload without reading it (a page first needs the form's CSRF field). */
  openUpload(req: IncomingMessage, options: { trustCounting?: boolean } = {}): CsvUpload {
    return openCsvUpload(req, this.config.importMaxBytes, options);
  }

  async importUploaded(upload: CsvUpload, counsellor: AuthenticatedUser): Promise<ImportResult> {
    try {
      return await this.importCsv(upload.csv, counsellor);
    } finally {
      upload.discardRest();
    }
  }

  /**
   * Valid rows are written in batches inside one transaction while the file streams in, one batch
   * in flight while the next is parsed (Node checks rows while PostgreSQL writes). After the first
   * bad row writing stops but checking goes on, so the answer lists every bad line. The
   * transaction commits only when the whole file was good.
   */
  async importCsv(csv: Readable, counsellor: AuthenticatedUser): Promise<ImportResult> {
    const importId = randomUUID();
    const errors = new CsvErrorList();
    const writer = new PipelinedWriter(this.consultations.importWriter(counsellor.id, importId));
    let batch: NewConsultation[] = [];
    try {
      for await (const { line, row } of readConsultationCsv(csv, errors)) {
        const result = validateConsultationRow(row);
        if (!result.ok) {
          for (const e of result.errors) errors.add(line, e.column, e.message);
          continue;
        }
        if (!errors.isEmpty) continue;
        const { employerKey, ...rest } = result.value;
        batch.push({ ...rest, employerHmac: this.employerHmac.of(employerKey), recordedBy: counsellor.id, importId });
        if (batch.length >= IMPORT_BATCH_SIZE) {
          await writer.write(batch);
          batch = [];
        }
      }
      if (!errors.isEmpty) throw errors.toError();
      await writer.write(batch);
      const imported = await writer.flush();
      if (imported === 0) throw new CsvImportError('the file has no rows', [{ line: 2, column: null, message: 'the file has no rows' }]);
      await writer.commit();
      return { imported, importId };
    } finally {
      await writer.rollback();
    }
  }
}

/** Keeps at most one batch insert running: write() waits for the previous one, then starts the next. */
class PipelinedWriter {
  private inFlight: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private written = 0;

  constructor(private readonly writer: ImportWriter) {}

  async write(rows: NewConsultation[]): Promise<void> {
    await this.settle();
    if (rows.length === 0) return;
    // Caught at once (an unhandled rejection would end the process), rethrown by the next settle().
    this.inFlight = this.writer.write(rows).then(
      () => void (this.written += rows.length),
      (error: unknown) => void (this.failure = { error }),
    );
  }

  async flush(): Promise<number> {
    await this.settle();
    return this.written;
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
