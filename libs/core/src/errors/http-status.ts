import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-errors.js';

/** Express/body-parser errors carry a status and a type; map the ones a client can cause. */
export function clientErrorOf(error: unknown): { status: number; message: string } | undefined {
  const e = error as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (e.type === 'entity.too.large') return { status: 413, message: 'request body is too large' };
  if (e.type === 'entity.parse.failed') return { status: 400, message: 'body: malformed JSON' };
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return { status: 415, message: 'body: unsupported encoding' };
  }
  return { status, message: e.message ?? 'bad request' };
}

/**
 * The one map from an error to its HTTP status, shared by the global exception filter (API answers,
 * error pages) and the page kit (a form shown again with its errors). Nothing else picks a status.
 */
export function httpStatusOf(error: unknown): number {
  if (error instanceof DomainError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  return clientErrorOf(error)?.status ?? 500;
}

/** The machine-readable `error` code of an answer with this status. */
export function errorCodeFor(status: number): string {
  return (
    {
      400: 'bad_request',
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not_found',
      405: 'method_not_allowed',
      409: 'conflict',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      422: 'unprocessable',
      429: 'too_many_requests',
      503: 'service_unavailable',
    }[status] ?? 'error'
  );
}
