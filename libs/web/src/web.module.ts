import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { HTML_ERROR_RENDERER } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { IdentityModule } from '@hokenshitsu/identity';
import { CsrfGuard } from './csrf/csrf.guard.js';
import { CsrfService } from './csrf/csrf.service.js';
import { I18n } from './i18n/i18n.js';
import { CompaniesPageController } from './pages/companies.page.controller.js';
import { HomePageController } from './pages/home.page.controller.js';
import { LoginPageController } from './pages/login.page.controller.js';
import { PageUserInterceptor } from './pages/page-user.interceptor.js';
import { RegisterPageController } from './pages/register.page.controller.js';
import { ErrorPageRenderer } from './views/error-page.renderer.js';
import { templatePaths } from './views/template-paths.js';

/**
 * The server-rendered portal: pages call the domain services directly (never the HTTP API).
 * CsrfGuard is global so that every form post, in this module or a later one, is checked.
 */
@Module({
  imports: [IdentityModule, CompaniesModule],
  controllers: [LoginPageController, HomePageController, RegisterPageController, CompaniesPageController],
  providers: [
    CsrfService,
    { provide: I18n, useFactory: () => new I18n(templatePaths().locales) },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_INTERCEPTOR, useClass: PageUserInterceptor },
    // AllExceptionsFilter (core) renders a browser's error page through this.
    { provide: HTML_ERROR_RENDERER, useClass: ErrorPageRenderer },
  ],
  exports: [CsrfService, I18n, HTML_ERROR_RENDERER],
})
export class WebModule {}
