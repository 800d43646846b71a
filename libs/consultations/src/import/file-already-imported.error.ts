import { ConflictError, tokyoDateTime } from '@hokenshitsu/core';
import type { EarlierImport } from './consultation-imports.repository.js';

/**
 * The same file (by its SHA-256) was imported before: 409, naming when (Tokyo time) and by whom, so
 * the counsellor can ask her colleague instead of doubling every record.
 */
export class FileAlreadyImportedError extends ConflictError {
  readonly messageJa: string;

  constructor(readonly earlier: EarlierImport) {
    const when = tokyoDateTime(earlier.importedAt);
    const who = earlier.importedBy.email;
    const message = `this file was already imported at ${when} by ${who} (${earlier.rowCount} rows, import ${earlier.id}): nothing was imported`;
    super(message, [{ field: 'file', message }]);
    this.messageJa = `このファイルは ${when}（日本時間）に ${who} が取り込み済みです（${earlier.rowCount}件）。何も登録していません。`;
  }

  /** Extra body fields for the API answer (see AllExceptionsFilter). */
  get details(): Record<string, unknown> {
    return {
      message_ja: this.messageJa,
      earlier_import: {
        id: this.earlier.id,
        imported_at: tokyoDateTime(this.earlier.importedAt),
        imported_by: this.earlier.importedBy,
        row_count: this.earlier.rowCount,
      },
    };
  }
}
