import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDirectory = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-jp/400.css'));

/**
 * Where Noto Sans JP's woff2 files are. The renderer allows file:// requests under this directory
 * and refuses every other request, so a report can load its fonts and nothing else.
 */
export const REPORT_FONT_DIRECTORY: string = join(packageDirectory, 'files');

/** The weights a report uses: body text and headings. */
export const REPORT_FONT_WEIGHTS = [400, 700] as const;
export type ReportFontWeight = (typeof REPORT_FONT_WEIGHTS)[number];

/**
 * One weight's @font-face rules from the package's own CSS, each subset's url rewritten to an
 * absolute file:// URL (the document is set with setContent, so a relative url has no base) and
 * the woff fallback dropped (Chromium reads woff2). The unicode-range subsets are kept, so
 * Chromium loads and embeds only the subsets the report's text uses.
 */
export function fontFaceCss(weight: ReportFontWeight, css = readFileSync(join(packageDirectory, `${weight}.css`), 'utf8')): string {
  return css
    .replace(/src:\s*url\(\.\/files\/([\w.-]+\.woff2)\)\s*format\('woff2'\)(?:,\s*url\([^)]*\)\s*format\('woff'\))?/g, (_, file: string) => `src: url(${pathToFileURL(join(REPORT_FONT_DIRECTORY, file)).href}) format('woff2')`)
    // A PDF is printed once: wait for the face rather than print a fallback font.
    .replace(/font-display:\s*swap/g, 'font-display: block');
}

/** The @font-face CSS of every weight the report uses. */
export function reportFontFaceCss(): string {
  return REPORT_FONT_WEIGHTS.map((w) => fontFaceCss(w)).join('\n');
}

/** Every url(...) in a stylesheet: the document's test checks that each is a font file under REPORT_FONT_DIRECTORY. */
export function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]!);
}
