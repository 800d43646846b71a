import type { Response } from 'express';
import { httpStatusOf, TooManyRequestsError } from '@hokenshitsu/core';

/**
 * Renders a page; when it is shown because something was refused, its status comes from the one
 * map of domain errors to HTTP statuses (httpStatusOf), never from the page controller.
 */
export function renderPage(res: Response, view: string, model: Record<string, unknown>, refusal?: unknown): void {
  if (refusal instanceof TooManyRequestsError) res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
  res.status(refusal === undefined ? 200 : httpStatusOf(refusal)).render(view, model);
}
