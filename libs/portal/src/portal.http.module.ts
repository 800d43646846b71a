import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { IdentityModule } from '@hokenshitsu/identity';
import { WebModule } from '@hokenshitsu/web';
import { HomePageController } from './pages/home.page.controller.js';
import { LoginPageController } from './pages/login.page.controller.js';
import { PageUserInterceptor } from './pages/page-user.interceptor.js';

/**
 * The portal shell: sign-in, the home page of each role, and what the layout shows of the
 * signed-in person (her navigation). Only the api mounts it.
 */
@Module({
  imports: [WebModule, IdentityModule, CompaniesModule],
  controllers: [LoginPageController, HomePageController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: PageUserInterceptor }],
})
export class PortalHttpModule {}
