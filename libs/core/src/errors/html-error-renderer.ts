import type { Request, Response } from 'express';
import type { ErrorBody } from './all-exceptions.filter.js';

/**
 * Renders the HTML page for an error a person's browser asked for (a page, not /api/). Core cannot
 * know the portal's layout, language or header, so the web library provides it under this token;
 * without one (the worker, tests of core alone) the filter sends a plain page. The status and body
 * are decided by the filter: the renderer only words them.
 */
export interface HtmlErrorRenderer {
  render(body: ErrorBody, req: Request, res: Response): Promise<string>;
}

export const HTML_ERROR_RENDERER = Symbol.for('hokenshitsu.HtmlErrorRenderer');
