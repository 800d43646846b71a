import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HTML_ERROR_RENDERER } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { IdentityHttpModule } from '@hokenshitsu/identity';
import { WebModule } from '@hokenshitsu/web';
import { HomePageController } from './pages/home.page.controller.js';
import { LoginPageController } from './pages/login.page.controller.js';
import { QueueBoardModule } from './queues/queue-board.module.js';
import { ErrorPageRenderer } from './pages/error-page.renderer.js';
import { PageUserInterceptor } from './pages/page-user.interceptor.js';

/**
 * The portal shell: sign-in, the home page of each role, what the layout shows of the signed-in
 * person (her navigation), and the error pages. Only the api mounts it; the api's exception filter
 * renders a browser's error page through the exported HTML_ERROR_RENDERER.
 */
@Module({
  imports: [WebModule, IdentityHttpModule, CompaniesModule, QueueBoardModule],
  controllers: [LoginPageController, HomePageController],
  providers: [
    { provide: APP_INTERCEPTOR, useClass: PageUserInterceptor },
    { provide: HTML_ERROR_RENDERER, useClass: ErrorPageRenderer },
  ],
  exports: [HTML_ERROR_RENDERER],
})
export class PortalHttpModule {}
