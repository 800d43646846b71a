import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthenticationError, ForbiddenError } from '@hokenshitsu/core';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';
import { SessionsService, type AuthenticatedUser } from '../sessions/sessions.service.js';
import type { Role } from '../users/role.js';

/**
 * Global guard: resolves the session cookie on every request, then applies the route's @Public or
 * @Roles. A route with neither is open to any signed-in user; there is no unguarded default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const token = readCookie(req, SESSION_COOKIE);
    if (token && !req.user) req.user = (await this.sessions.resolve(token)) ?? undefined;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!req.user) throw new AuthenticationError('sign in first');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) throw new ForbiddenError(`this needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
