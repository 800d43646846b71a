import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CsrfGuard } from './csrf/csrf.guard.js';
import { CsrfService } from './csrf/csrf.service.js';
import { I18n } from './i18n/i18n.js';
import { templatePaths } from './views/template-paths.js';

/**
 * The page kit every domain's pages use: labels (I18n), CSRF, and (in index.ts) the form helpers
 * and renderPage. CsrfGuard is global so that every form post, in any domain, is checked.
 */
@Module({
  providers: [
    CsrfService,
    { provide: I18n, useFactory: () => new I18n(templatePaths().locales) },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
  exports: [CsrfService, I18n],
})
export class WebModule {}
