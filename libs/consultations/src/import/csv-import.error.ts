import { DomainError, RuleViolationError } from '@hokenshitsu/core';

/** One problem in an uploaded file: its physical line (header = 1), the column if known, and why. */
export interface CsvLineError {
  line: number;
  column: string | null;
  message: string;
}

/** A file with any bad row imports nothing; the body lists the problems (the filter copies `errors`). */
export class CsvImportError extends RuleViolationError {
  constructor(message: string, readonly errors: CsvLineError[]) {
    super(message);
  }
}

/** The upload passed IMPORT_MAX_BYTES (by its Content-Length, or counted while streaming). */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
  readonly status = 413;
  constructor(maxBytes: number) {
    super(`the file is larger than the limit of ${formatBytes(maxBytes)}: split it into smaller files`);
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`;
}

/**
 * Collects line errors as a file streams past, keeping at most `cap` of them (a file of a million
 * bad rows must not become a million-entry answer) while counting every one.
 */
export class CsvErrorList {
  private readonly kept: CsvLineError[] = [];
  private total = 0;
  private badLines = 0;
  private lastLine = -1;

  constructor(private readonly cap = 1000) {}

  add(line: number, column: string | null, message: string): void {
    this.total++;
    if (line !== this.lastLine) {
      this.badLines++;
      this.lastLine = line;
    }
    if (this.kept.length < this.cap) this.kept.push({ line, column, message });
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  toError(): CsvImportError {
    const rows = this.badLines === 1 ? '1 line has problems' : `${this.badLines} lines have problems`;
    const more = this.total > this.kept.length ? `; the first ${this.kept.length} of ${this.total} errors are listed, ${this.total - this.kept.length} more are not` : '';
    return new CsvImportError(`${rows}: nothing was imported${more}`, this.kept);
  }
}
