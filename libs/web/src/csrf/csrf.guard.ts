import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ForbiddenError } from '@hokenshitsu/core';
import { readCookie } from '@hokenshitsu/identity';
import { CSRF_COOKIE, CSRF_FIELD, CsrfService } from './csrf.service.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Global guard: every write outside /api/ is a form post and must carry the form token, so a page
 * added later cannot forget it. /api/ writes are covered by apiWriteGuard (Origin + JSON only).
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!WRITE_METHODS.has(req.method) || req.path.startsWith('/api/')) return true;
    const token = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!this.csrf.verify(readCookie(req, CSRF_COOKIE), token)) {
      throw new ForbiddenError(
        'フォームを確認できませんでした。ページを読み込み直してから、もう一度送信してください。 / The form could not be verified: reload the page and send it again.',
      );
    }
    return true;
  }
}
