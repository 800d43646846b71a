import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';

/** What the layout shows of the signed-in person (header nav, sign-out form). */
export interface PageUser {
  email: string;
  role: string;
  isStaff: boolean;
  isCounsellor: boolean;
  isManager: boolean;
}

/**
 * Puts the signed-in user into res.locals for the layout. An interceptor, because it must run
 * after the global AuthGuard has resolved the session (middleware runs before it).
 */
@Injectable()
export class PageUserInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
      const res = context.switchToHttp().getResponse<Response>();
      if (!req.path.startsWith('/api/') && req.user) res.locals.user = toPageUser(req.user);
    }
    return next.handle();
  }
}

function toPageUser(user: AuthenticatedUser): PageUser {
  return {
    email: user.email,
    role: user.role,
    isStaff: STAFF_ROLES.includes(user.role),
    isCounsellor: user.role === 'counsellor',
    isManager: user.role === 'company_manager',
  };
}
