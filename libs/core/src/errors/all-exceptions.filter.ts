import { ArgumentsHost, Catch, HttpException, Inject, Logger, Optional, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { escapeMarkup } from '../text/escape-markup.js';
import { DomainError, ServiceUnavailableError, TooManyRequestsError, type FieldError } from './domain-errors.js';
import { HTML_ERROR_RENDERER, type HtmlErrorRenderer } from './html-error-renderer.js';
import { clientErrorOf, errorCodeFor as codeFor, httpStatusOf } from './http-status.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  errors?: unknown[];
  requestId?: string;
  /** A domain error's `details` (e.g. message_ja, the earlier import of a file sent twice). */
  [detail: string]: unknown;
}

/**
 * Answers every error: statuses come from httpStatusOf (the one map, shared with the page kit). An unexpected error is logged with the request id
 * and answered 500 with only that id: its message may hold data nobody outside should see.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(@Optional() @Inject(HTML_ERROR_RENDERER) private readonly html?: HtmlErrorRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const requestId = typeof req?.id === 'string' ? req.id : undefined;
    const body = this.toBody(exception, requestId);
    if (exception instanceof TooManyRequestsError || exception instanceof ServiceUnavailableError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (res.headersSent) return;
    const wantsHtml = !req.path?.startsWith('/api/') && req.accepts?.(['json', 'html']) === 'html';
    if (wantsHtml && body.statusCode === 401) {
      // A page asked for by someone not signed in: send her to the sign-in page, then back.
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl ?? '/')}`);
      return;
    }
    if (wantsHtml) {
      // The portal's own page when the web library provides one; the plain page if that fails.
      const send = (html: string) => res.headersSent || res.status(body.statusCode).type('html').send(html);
      (this.html ? this.html.render(body, req, res) : Promise.reject(new Error('no renderer'))).then(send, () => send(renderErrorPage(body)));
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId?: string): ErrorBody {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { statusCode: exception.status, error: exception.code, message: exception.message };
      if (exception.fields.length) body.fields = exception.fields;
      const extra = (exception as { errors?: unknown[] }).errors;
      if (extra) body.errors = extra;
      // Extra fields a domain error names itself; they never replace the ones above.
      const details = (exception as { details?: Record<string, unknown> }).details;
      if (details) for (const [key, value] of Object.entries(details)) if (!(key in body)) body[key] = value;
      return body;
    }
    if (exception instanceof HttpException) {
      const status = httpStatusOf(exception);
      const response = exception.getResponse();
      if (status >= 500) return this.unexpected(exception, requestId);
      if (typeof response === 'object' && response !== null) {
        const r = response as { message?: unknown; error?: string; fields?: FieldError[] };
        const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
        return { statusCode: status, error: codeFor(status), message, ...(r.fields ? { fields: r.fields } : {}) };
      }
      return { statusCode: status, error: codeFor(status), message: String(response) };
    }
    const client = clientErrorOf(exception);
    if (client) return { statusCode: client.status, error: codeFor(client.status), message: client.message };
    return this.unexpected(exception, requestId);
  }

  private unexpected(exception: unknown, requestId?: string): ErrorBody {
    const err = exception as Error;
    this.logger.error(`request ${requestId ?? '-'} failed: ${err?.name ?? 'Error'}`, err?.stack);
    return { statusCode: 500, error: 'internal_error', message: `Internal error (request id ${requestId ?? 'unknown'})`, requestId };
  }
}

function renderErrorPage(body: ErrorBody): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${body.statusCode}</title>
<link rel="stylesheet" href="/assets/app.css"></head><body><main id="main" class="container">
<h1>${body.statusCode}</h1><p>${escapeMarkup(body.message)}</p><p><a href="/">ホームへ / Home</a></p></main></body></html>`;
}
