import { DomainError, RuleViolationError } from '@hokenshitsu/core';
import type { Bilingual } from '../consultations/consultation-messages.js';

/** One problem in an uploaded file: its physical line (header = 1), the column if known, and why. */
export interface CsvLineError {
  line: number;
  column: string | null;
  message: string;
}

/** A line error with the texts a person reads; `repeat` marks a row refused only as a repeat. */
export interface CsvLineProblem extends CsvLineError {
  ja?: string;
  en?: string;
  repeat?: boolean;
}

/** A line error in both languages, as the API lists them in `errors_i18n` and the page shows them. */
export interface LocalisedLineError {
  line: number;
  column: string | null;
  ja: string;
  en: string;
}

const NOTHING_IMPORTED_JA = 'ファイルを取り込めませんでした。何も登録していません。';

/**
 * A file with any bad row imports nothing. The body lists the problems: `errors` (the filter copies
 * it) as before, with the English `message` of each line, and in `details` the same lines in
 * Japanese and English (`errors_i18n`, same order) and the lines refused only as repeats.
 */
export class CsvImportError extends RuleViolationError {
  readonly errors: CsvLineError[];
  readonly localised: LocalisedLineError[];
  /** Lines refused because they repeat a stored consultation: `confirm_new` imports them. */
  readonly repeatedLines: number[];
  readonly messageJa: string;

  constructor(message: string, problems: readonly CsvLineProblem[], messageJa = NOTHING_IMPORTED_JA) {
    super(message);
    this.messageJa = messageJa;
    this.errors = problems.map(({ line, column, message: m }) => ({ line, column, message: m }));
    this.localised = problems.map((p) => ({ line: p.line, column: p.column, ja: p.ja ?? p.message, en: p.en ?? p.message }));
    this.repeatedLines = [...new Set(problems.filter((p) => p.repeat).map((p) => p.line))];
  }

  /** Extra body fields for the API answer (see AllExceptionsFilter). */
  get details(): Record<string, unknown> {
    return { message_ja: this.messageJa, errors_i18n: this.localised, repeated_lines: this.repeatedLines };
  }
}

/** The upload passed IMPORT_MAX_BYTES (by its Content-Length, or counted while streaming). */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
  readonly status = 413;
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the limit of ${formatBytes(maxBytes)}: split it into smaller files`);
  }

  get details(): Record<string, unknown> {
    return { message_ja: `ファイルが上限の${formatBytes(this.maxBytes)}を超えています。いくつかのファイルに分けて取り込んでください。` };
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`;
}

/**
 * Collects line errors as a file streams past, keeping at most `cap` of them (a file of a million
 * bad rows must not become a million-entry answer) while counting every one. Repeats are counted
 * apart: a file whose only problems are repeats may still be written (to find every repeat).
 */
export class CsvErrorList {
  private readonly kept: CsvLineProblem[] = [];
  private total = 0;
  private badLines = 0;
  private repeats = 0;
  private lastLine = -1;

  constructor(private readonly cap = 1000) {}

  /** `text`: the Japanese and English texts for people; without it, both read as `message`. */
  add(line: number, column: string | null, message: string, text?: Bilingual, repeat = false): void {
    this.total++;
    if (repeat) this.repeats++;
    if (line !== this.lastLine) {
      this.badLines++;
      this.lastLine = line;
    }
    if (this.kept.length < this.cap) this.kept.push({ line, column, message, ...text, ...(repeat ? { repeat } : {}) });
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }

  /** Some problem other than a repeat: the file cannot be imported as it is. */
  get hasInvalid(): boolean {
    return this.total > this.repeats;
  }

  toError(): CsvImportError {
    const rows = this.badLines === 1 ? '1 line has problems' : `${this.badLines} lines have problems`;
    const more = this.total > this.kept.length ? `; the first ${this.kept.length} of ${this.total} errors are listed, ${this.total - this.kept.length} more are not` : '';
    const moreJa = this.total > this.kept.length ? `誤り${this.total}件のうち、最初の${this.kept.length}件を表示しています。` : '';
    const ja = this.hasInvalid
      ? `${this.badLines}行に誤りがあります。何も登録していません。${moreJa}`
      : `${this.badLines}行が保存済みの相談と重複しています。何も登録していません。${moreJa}`;
    // Repeats are found a batch after the lines checked beside them: list by line.
    const sorted = [...this.kept].sort((a, b) => a.line - b.line);
    return new CsvImportError(`${rows}: nothing was imported${more}`, sorted, ja);
  }
}
