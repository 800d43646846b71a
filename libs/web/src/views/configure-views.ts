import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig, type FileRoute } from '@hokenshitsu/core';
import { CsrfService } from '../csrf/csrf.service.js';
import { I18n } from '../i18n/i18n.js';
import { createHandlebarsEngine } from './handlebars-engine.js';
import { pageLocals } from './page-locals.middleware.js';
import { templatePaths } from './template-paths.js';

/** API routes that take files (text/csv or multipart) besides JSON. */
export const FILE_ROUTES: FileRoute[] = [
  { path: /^\/api\/v1\/consultations\/import$/, types: ['text/csv', 'multipart/form-data'] },
  // Quotes, invoices and receipts: the file itself as the body, or a form's `file` field.
  { path: /^\/api\/v1\/subsidy-applications\/[^/]+\/files$/, types: ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream', 'multipart/form-data'] },
];

/** Handlebars views, the stylesheets under /assets/, and the per-page locals (language, CSRF). */
export function configureViews(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const paths = templatePaths();
  const production = config.nodeEnv === 'production';

  app.engine('hbs', createHandlebarsEngine({ paths, i18n: app.get(I18n), cache: production }));
  app.setBaseViewsDir(paths.views);
  app.setViewEngine('hbs');

  // Stylesheets change only with a release: a day in production, revalidated while developing.
  const maxAge = production ? '1d' : 0;
  const file = (path: string) => (_req: express.Request, res: express.Response) => res.sendFile(path, { maxAge });
  app.use('/assets/tokens.css', file(paths.tokensCss));
  // Noto Sans JP from the npm package, so pages read the same on a device without Japanese fonts;
  // the browser fetches only the unicode-range subsets a page uses. The font files never change.
  for (const weight of ['400', '700']) app.use(`/assets/fonts/noto-sans-jp/${weight}.css`, file(join(paths.fontDir, `${weight}.css`)));
  app.use('/assets/fonts/noto-sans-jp/files', express.static(join(paths.fontDir, 'files'), { maxAge: production ? '365d' : 0, immutable: production, index: false }));
  app.use('/assets', express.static(paths.assets, { maxAge, index: false, fallthrough: true }));
  app.use(pageLocals(app.get(CsrfService), config.publicUrl.startsWith('https:')));
}
