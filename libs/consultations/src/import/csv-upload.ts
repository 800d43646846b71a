import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { BadInputError, UnsupportedMediaTypeError } from '@hokenshitsu/core';
import { PayloadTooLargeError } from './csv-import.error.js';

export interface CsvUpload {
  /** The CSV bytes as they arrive: the body itself, or the `file` part of a multipart form. */
  csv: Readable;
  /**
   * A form's text fields sent before its file (a page's CSRF token) and the file's name, known once
   * the file starts; nothing for a text/csv body. Rejects like `csv` when the form is broken.
   */
  form: Promise<UploadForm>;
  /** Stops reading the request and throws away what is left of it, so the answer can be sent. */
  discardRest(): void;
}

export interface UploadForm {
  fields: Record<string, string>;
  /** As the browser gave it ('' when no file was chosen); never logged or stored. */
  fileName: string;
}

/** Room for a form's boundaries, headers and small fields around its file. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * Passes the first maxBytes through, then fails with 413 (at the next chunk, or at the end). What
 * came before the limit still reaches the parser: a form's CSRF field, read ahead of its file,
 * must arrive even when one large chunk carries the whole body.
 */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (seen > maxBytes) return done(new PayloadTooLargeError(maxBytes));
      const allowed = maxBytes + 1 - seen; // one byte over marks the body as too large
      seen += chunk.length;
      done(null, chunk.length <= allowed ? chunk : chunk.subarray(0, allowed));
    },
    flush(done) {
      done(seen > maxBytes ? new PayloadTooLargeError(maxBytes) : null);
    },
  });
}

/**
 * Opens the CSV of an upload request (text/csv, or multipart/form-data with a `file` field) as a
 * stream, never as a buffer: memory stays flat whatever the file's size. The size limit is checked
 * on Content-Length first and counted on the bytes themselves, which a chunked body cannot dodge.
 */
export function openCsvUpload(req: IncomingMessage, maxBytes: number, options: { trustCounting?: boolean } = {}): CsvUpload {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv' && type !== 'multipart/form-data') {
    throw new UnsupportedMediaTypeError(`Content-Type must be text/csv or multipart/form-data (got ${type || 'none'})`);
  }
  const charset = /charset=([^;]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (type === 'text/csv' && charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError('the CSV must be UTF-8 (save it as "CSV UTF-8")');
  }
  // A page's form sends its CSRF token first: it reads that before refusing the size, so the person
  // sees "too large" rather than a refused form (`trustCounting`); the counting below still stops it.
  const declared = Number(req.headers['content-length']);
  const bodyLimit = type === 'text/csv' ? maxBytes : maxBytes + FORM_OVERHEAD_BYTES;
  if (!options.trustCounting && Number.isFinite(declared) && declared > bodyLimit) throw new PayloadTooLargeError(maxBytes);

  const csv = new PassThrough();
  const limit = byteLimit(bodyLimit);
  limit.on('error', () => csv.destroy(new PayloadTooLargeError(maxBytes)));
  // A client that goes away mid-upload must not leave the import (and its transaction) waiting.
  const interrupted = () => csv.destroy(new BadInputError('the upload of "file" was interrupted', [{ field: 'file', message: 'the upload was interrupted' }]));
  req.on('error', interrupted);
  req.on('close', () => {
    if (!req.complete) interrupted();
  });
  let stopped = false;
  const discardRest = () => {
    if (stopped) return;
    stopped = true;
    req.unpipe();
    req.resume();
  };

  if (type === 'text/csv') {
    req.pipe(limit).pipe(csv);
    return { csv, form: Promise.resolve({ fields: {}, fileName: '' }), discardRest };
  }

  let parts: busboy.Busboy;
  try {
    // files: 1 makes busboy report a second file ('filesLimit') instead of reading it.
    parts = busboy({ headers: req.headers, limits: { files: 1, fields: 20, parts: 30, fieldSize: 4096 } });
  } catch {
    const message = 'multipart/form-data needs a boundary to carry the field "file"';
    throw new BadInputError(message, [{ field: 'file', message }]);
  }
  let found = false;
  const fail = (error: Error) => csv.destroy(error); // the first error wins; later ones are dropped
  const badForm = (message: string, field = 'file') => fail(new BadInputError(message, [{ field, message }]));
  const fields: Record<string, string> = {};
  let formKnown!: (value: UploadForm) => void;
  const form = new Promise<UploadForm>((resolve, reject) => {
    formKnown = resolve;
    csv.on('error', reject);
  });
  form.catch(() => undefined); // a caller that only reads `csv` sees the same error there
  // The CSV ends only when both the file and the whole form are read: a second file or a cut-off
  // form after the file must fail the import, not arrive after it committed.
  let fileRead = false;
  let formRead = false;
  const endWhenBothRead = () => {
    if (fileRead && formRead && !csv.destroyed) csv.end();
  };
  parts.on('field', (name, value) => {
    if (!found) fields[name] = value;
  });
  parts.on('file', (name, file, info) => {
    if (name !== 'file') {
      file.resume();
      return badForm(`only the field "file" may carry a file (got "${name.slice(0, 64)}")`, name.slice(0, 64));
    }
    found = true;
    formKnown({ fields, fileName: info.filename ?? '' });
    const fileLimit = byteLimit(maxBytes);
    // busboy fails the file with a plain Error when the form is cut off inside it.
    file.on('error', () => badForm('the multipart/form-data body ends inside the field "file" (cut off?)'));
    fileLimit.on('error', (error) => fail(error));
    fileLimit.on('end', () => {
      fileRead = true;
      endWhenBothRead();
    });
    file.pipe(fileLimit).pipe(csv, { end: false });
  });
  parts.on('filesLimit', () => badForm('the form must carry exactly one file, in the field "file"'));
  parts.on('error', () => badForm('the multipart/form-data body is malformed or cut off (field "file")'));
  parts.on('finish', () => {
    if (!found) return badForm('the form has no file in the field "file"');
    formRead = true;
    endWhenBothRead();
  });
  parts.on('close', () => {
    if (!found) badForm('the form has no file in the field "file"');
  });
  req.pipe(limit).pipe(parts);
  return { csv, form, discardRest };
}
