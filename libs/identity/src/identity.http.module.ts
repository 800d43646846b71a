import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { IdentityCoreModule } from './identity.module.js';
import { UsersController } from './users/users.controller.js';

/** The HTTP side, mounted only by the api: sign-in routes and the global guard that every route passes. */
@Module({
  imports: [IdentityCoreModule],
  controllers: [AuthController, UsersController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityCoreModule, AuthService],
})
export class IdentityModule {}
