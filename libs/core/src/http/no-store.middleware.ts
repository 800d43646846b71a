import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on every answer under /api/v1, errors included: most of them belong to
 * a signed-in person (a browser's back button, a shared proxy or a disk cache must not keep them),
 * and the few public ones (reference lists, sign-in) are too small to be worth a cache rule that
 * could one day cover a private route by mistake. /api/docs stays cacheable: the same public
 * document for everyone. Pages set their own (page-locals middleware).
 */
export function noStoreForApi() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/api/v1' || req.path.startsWith('/api/v1/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
