import { forwardRef, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { WebModule } from '@hokenshitsu/web';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { IdentityModule } from './identity.module.js';
import { UsersController } from './users/users.controller.js';
import { UsersPageController } from './pages/users.page.controller.js';

/** The HTTP side, mounted only by the api: sign-in routes and the global guard that every route passes. */
@Module({
  // forwardRef: web imports identity, so WebModule may not be defined yet when this file loads.
  imports: [IdentityModule, forwardRef(() => WebModule)],
  controllers: [AuthController, UsersController, UsersPageController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityModule, AuthService],
})
export class IdentityHttpModule {}
