import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where @fontsource/noto-sans-jp keeps its woff2 files: the one directory (besides the blank page)
 * a report page may read. The content side points its @font-face rules here; both take the path
 * from the same package so they agree.
 */
export function defaultReportFontDirectory(): string {
  const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-jp/400.css');
  return join(dirname(css), 'files');
}
