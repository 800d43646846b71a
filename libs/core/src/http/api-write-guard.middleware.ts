import type { NextFunction, Request, Response } from 'express';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A file upload route and the content types it takes besides JSON. */
export interface FileRoute {
  path: RegExp;
  types: string[];
}

/** Content types a route may take besides JSON: file uploads (CSV import, subsidy documents) name themselves here. */
export interface ApiWriteRules {
  publicUrl: string;
  fileRoutes: FileRoute[];
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Stops cross-site forgery of API writes without CSRF tokens: a browser always sends Origin on a
 * cross-site POST, and cannot send application/json cross-site without a preflight we never grant.
 * Runs before any body parser, so a refused body is never read.
 */
export function apiWriteGuard(rules: ApiWriteRules) {
  const allowedOrigin = new URL(rules.publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/') || !WRITE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin && origin !== 'null') {
      const own = `${req.protocol}://${req.headers.host}`;
      if (origin !== own && origin !== allowedOrigin) {
        res.status(403).json({ statusCode: 403, error: 'forbidden', message: `cross-site request refused (Origin ${origin})` });
        return;
      }
    } else if (origin === 'null') {
      res.status(403).json({ statusCode: 403, error: 'forbidden', message: 'cross-site request refused (Origin null)' });
      return;
    }
    if (!hasBody(req)) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // A type other than JSON, form or text/plain needs a CORS preflight we never grant, so a file
    // route's own types (application/pdf …) cannot be forged cross-site either.
    const fileRoute = rules.fileRoutes.find((r) => r.path.test(req.path));
    const ok = type === 'application/json' || (fileRoute?.types.includes(type) ?? false);
    if (!ok) {
      const accepted = fileRoute ? ['application/json', ...fileRoute.types].join(', ') : 'application/json';
      res.status(415).json({ statusCode: 415, error: 'unsupported_media_type', message: `Content-Type must be ${accepted} (got ${type || 'none'})` });
      return;
    }
    next();
  };
}
