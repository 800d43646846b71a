import { forwardRef, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebModule } from '@hokenshitsu/web';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottleService } from './login-throttle/login-throttle.service.js';
import { Session } from './sessions/session.entity.js';
import { SessionsService } from './sessions/sessions.service.js';
import { User } from './users/user.entity.js';
import { UsersService } from './users/users.service.js';
import { UsersController } from './users/users.controller.js';
import { UsersPageController } from './pages/users.page.controller.js';

/** Users and sessions without HTTP: what the CLI and the worker need. */
@Module({
  imports: [TypeOrmModule.forFeature([User, Session])],
  providers: [UsersService, SessionsService, LoginThrottleService],
  exports: [UsersService, SessionsService, LoginThrottleService],
})
export class IdentityCoreModule {}

/** The HTTP side: sign-in routes and the global guard that every route passes. */
@Module({
  // forwardRef: web imports identity, so WebModule may not be defined yet when this file loads.
  imports: [IdentityCoreModule, forwardRef(() => WebModule)],
  controllers: [AuthController, UsersController, UsersPageController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityCoreModule, AuthService],
})
export class IdentityModule {}
