import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { BadInputError, DomainError, UnsupportedMediaTypeError } from '@hokenshitsu/core';

/** Quotes, invoices and receipts: 10 MB each. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export class FileTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
  readonly status = 413;
  constructor() {
    super('file is larger than 10 MB', [{ field: 'file', message: 'is larger than 10 MB' }]);
  }
}

export interface EvidenceUpload {
  bytes: Buffer;
  fileName: string;
  /** A page's form fields (its CSRF token, the kind). */
  fields: Record<string, string>;
}

const RAW_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream']);

/**
 * Reads one uploaded file into memory (at most 10 MB, counted on the bytes, so a chunked body
 * cannot dodge it): the body itself (application/pdf, image/png, image/jpeg), or the `file` field
 * of a multipart form.
 */
export function readEvidenceUpload(req: IncomingMessage, fileNameHint = ''): Promise<EvidenceUpload> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = Number(req.headers['content-length']);
  if (!RAW_TYPES.has(type) && type !== 'multipart/form-data') {
    return Promise.reject(new UnsupportedMediaTypeError(`Content-Type must be application/pdf, image/png, image/jpeg or multipart/form-data (got ${type || 'none'})`, [{ field: 'file', message: 'must be a PDF, PNG or JPEG' }]));
  }
  const limit = type === 'multipart/form-data' ? EVIDENCE_MAX_BYTES + 64 * 1024 : EVIDENCE_MAX_BYTES;
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new FileTooLargeError());
  }
  return type === 'multipart/form-data' ? readMultipart(req) : readRaw(req, fileNameHint);
}

function readRaw(req: IncomingMessage, fileName: string): Promise<EvidenceUpload> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      seen += chunk.length;
      if (seen > EVIDENCE_MAX_BYTES) {
        failed = true;
        reject(new FileTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => !failed && resolve({ bytes: Buffer.concat(chunks), fileName, fields: {} }));
    req.on('error', () => !failed && reject(new BadInputError('the upload was interrupted', [{ field: 'file', message: 'the upload was interrupted' }])));
  });
}

function readMultipart(req: IncomingMessage): Promise<EvidenceUpload> {
  return new Promise((resolve, reject) => {
    let parts: busboy.Busboy;
    try {
      parts = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fieldSize: 4096, fileSize: EVIDENCE_MAX_BYTES } });
    } catch {
      reject(new BadInputError('multipart/form-data needs a boundary to carry the field "file"', [{ field: 'file', message: 'missing' }]));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; fileName: string } | null = null;
    let failure: Error | null = null;
    parts.on('field', (name, value) => (fields[name] = value));
    parts.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (failure = new FileTooLargeError()));
      stream.on('end', () => (file = { bytes: Buffer.concat(chunks), fileName: info.filename ?? '' }));
    });
    parts.on('error', () => reject(new BadInputError('the form could not be read', [{ field: 'file', message: 'unreadable' }])));
    parts.on('close', () => {
      // A page's form is shown again on a refusal: its fields (the CSRF token) travel with the error.
      if (failure) return reject(Object.assign(failure, { formFields: fields }));
      if (!file || !file.bytes.length) return reject(Object.assign(new BadInputError('file is required', [{ field: 'file', message: 'choose a file' }]), { formFields: fields }));
      resolve({ ...file, fields });
    });
    req.pipe(parts);
  });
}
