import type { Response } from 'express';

/** A file's name as it lands in someone's downloads: an ASCII fallback and the UTF-8 name browsers show. */
export interface DownloadName {
  ascii: string;
  utf8: string;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266/5987), every byte outside attr-char percent-encoded. */
export function contentDisposition(name: DownloadName): string {
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${name.ascii.replace(/[^\x20-\x7e]|["\\]/g, '')}"; filename*=UTF-8''${encoded}`;
}

export interface Download {
  body: Buffer | string;
  /** e.g. `application/pdf`, `text/csv; charset=utf-8`. */
  type: string;
  name: DownloadName;
  /** The body's SHA-256: sent as the ETag, and an If-None-Match naming it answers 304. */
  sha256?: string;
}

/**
 * Every file the portal hands out (feedback reports, notices, uploaded documents, CSV exports)
 * goes through here: one way to name it, to cache it privately and to answer a conditional GET.
 */
export function sendDownload(res: Response, file: Download, ifNoneMatch?: string): void {
  res.setHeader('Cache-Control', 'private, no-cache');
  if (file.sha256) {
    const etag = `"${file.sha256}"`;
    res.setHeader('ETag', etag);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      res.status(304).end();
      return;
    }
  }
  const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Content-Disposition', contentDisposition(file.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.status(200).end(body);
}
