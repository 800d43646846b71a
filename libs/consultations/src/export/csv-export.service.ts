import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { EXPORT_COLUMNS, type Consultation, type HeldOnRange } from '../consultations/consultation.js';
import { ConsultationsRepository } from '../consultations/consultations.repository.js';
import { assertRange } from '../consultations/consultations.service.js';

/** Rows fetched from the cursor per round trip; the response buffers at most about this many. */
export const EXPORT_BATCH_SIZE = 1000;

/** What Excel (and LibreOffice) read as the start of a formula when a cell begins with it (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number is read as a number, never as a formula: age band -19 stays -19. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * A cell that a spreadsheet cannot run: text that begins with = + - @, a tab or a carriage return
 * gets a leading ' (the usual defence: the cell then reads as text, apostrophe included). Numbers, and text that is a
 * plain number, are left alone. No value the import accepts starts like that (client_ref refuses
 * = + - @ and control characters; codes are fixed), so an export still imports unchanged: this is
 * the defence for whatever reached the table another way.
 */
export function spreadsheetSafe(value: string | number): string {
  const s = String(value);
  return typeof value === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = spreadsheetSafe(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One export line in EXPORT_COLUMNS order: the employer's HMAC, never the key or the memo. */
export function exportLine(c: Consultation): string {
  return [
    c.heldOn, c.clientRef, c.employerHmac, c.industry, c.sizeBand, c.ageBand, c.employmentType, c.tenureBand, c.channel,
    c.durationMin, c.themes.join(';'), c.satisfaction,
  ].map(csvField).join(',') + '\r\n';
}

/** Resolves when the client has taken what was written, or has gone; leaves no listener behind. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes the consultations of a range as CSV straight from a database cursor to the response,
 * waiting for the client to drain each batch: memory does not grow with the range.
 */
@Injectable()
export class CsvExportService {
  constructor(private readonly consultations: ConsultationsRepository) {}

  /** Throws (before anything is written) for a bad range; afterwards only the stream can fail. */
  checkRange(range: HeldOnRange): void {
    assertRange(range);
  }

  /** Writes the whole CSV and ends `out`; a failure midway destroys it, so the client sees a cut file, not a short one. */
  async writeCsv(range: HeldOnRange, out: Writable): Promise<number> {
    let count = 0;
    try {
      // A BOM so that Excel, which city staff open these in, reads the file as UTF-8.
      out.write('\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n');
      for await (const batch of this.consultations.streamRange(range, EXPORT_BATCH_SIZE)) {
        // Asked now, not when written: 'drain' may have fired while the next batch was fetched.
        if (out.writableNeedDrain && !out.destroyed) await drained(out);
        if (out.destroyed) break; // the client went away: the cursor closes as the loop ends
        out.write(batch.map(exportLine).join(''));
        count += batch.length;
      }
    } catch (error) {
      out.destroy();
      throw error;
    }
    out.end();
    return count;
  }
}
