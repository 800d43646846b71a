import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../users/role.js';
import type { AuthenticatedUser } from '../sessions/sessions.service.js';

export const PUBLIC_KEY = 'hks:public';
export const ROLES_KEY = 'hks:roles';

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call this route (others: 403). Without @Roles or @Public, any signed-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** City staff rights (an admin has them all). */
export const StaffOnly = () => Roles('admin', 'city_staff');

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
});
