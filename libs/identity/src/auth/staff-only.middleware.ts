import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError, ForbiddenError } from '@hokenshitsu/core';
import { STAFF_ROLES } from '../users/role.js';
import { SessionsService, type AuthenticatedUser } from '../sessions/sessions.service.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * For routes that another library mounts as Express middleware (the queue board), where the global
 * guard never runs: the same session check and the same refusals (sign-in page, 403), thrown to
 * the global exception filter.
 */
export function staffOnlyMiddleware(sessions: SessionsService) {
  return async (req: Request & { user?: AuthenticatedUser }, _res: Response, next: NextFunction): Promise<void> => {
    const token = readCookie(req, SESSION_COOKIE);
    const user = token ? await sessions.resolve(token) : null;
    if (!user) throw new AuthenticationError('sign in first');
    if (!STAFF_ROLES.includes(user.role)) throw new ForbiddenError(`this needs one of the roles: ${STAFF_ROLES.join(', ')}`);
    req.user = user;
    next();
  };
}
