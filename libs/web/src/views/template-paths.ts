import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TemplatePaths {
  views: string;
  layouts: string;
  partials: string;
  locales: string;
  assets: string;
  /** The PDF feedback report's templates, partials (partials/) and labels (locales/). */
  reports: string;
  /** The Digital Agency's design tokens (CSS variables), served as /assets/tokens.css. */
  tokensCss: string;
  /** @fontsource/noto-sans-jp (the PDFs' font too), served under /assets/fonts/noto-sans-jp/. */
  fontDir: string;
}

/**
 * The repository's templates/ folder, found by walking up from this file: the same code runs from
 * libs/web/src (tests) and from dist/libs/web/src (the built app), so a fixed relative path would
 * be right for only one of them, and process.cwd() for neither when started from elsewhere.
 */
export function templatePaths(): TemplatePaths {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'templates', 'views'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('templates/views not found above libs/web');
    dir = parent;
  }
  const root = join(dir, 'templates');
  const require = createRequire(import.meta.url);
  return {
    views: join(root, 'views'),
    layouts: join(root, 'views', 'layouts'),
    partials: join(root, 'partials'),
    locales: join(root, 'locales'),
    assets: join(root, 'assets'),
    reports: join(root, 'reports'),
    tokensCss: require.resolve('@digital-go-jp/design-tokens/dist/tokens.css'),
    fontDir: dirname(require.resolve('@fontsource/noto-sans-jp/400.css')),
  };
}
