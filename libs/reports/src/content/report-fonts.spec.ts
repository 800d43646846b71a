import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cssUrls, fontFaceCss, REPORT_FONT_DIRECTORY, reportFontFaceCss } from './report-fonts.js';

describe('report fonts', () => {
  it('points every url at an existing woff2 file under REPORT_FONT_DIRECTORY', () => {
    const urls = cssUrls(reportFontFaceCss());
    expect(urls.length).toBeGreaterThan(200);
    for (const url of urls) {
      expect(url.startsWith(`file://${REPORT_FONT_DIRECTORY}/`)).toBe(true);
      expect(url.endsWith('.woff2')).toBe(true);
      expect(existsSync(fileURLToPath(url))).toBe(true);
    }
  });

  it('keeps the unicode-range subsets and both weights, named Noto Sans JP', () => {
    const css = reportFontFaceCss();
    expect(css.match(/@font-face/g)!.length).toBe(cssUrls(css).length);
    expect(css.match(/unicode-range:/g)!.length).toBe(cssUrls(css).length);
    expect(css).toContain('font-weight: 400');
    expect(css).toContain('font-weight: 700');
    expect(css).not.toMatch(/font-family:(?!\s*'Noto Sans JP')/);
    expect(css).not.toContain('swap');
  });

  it('rewrites the package CSS it is given', () => {
    const css = "@font-face { font-display: swap; src: url(./files/noto-sans-jp-0-400-normal.woff2) format('woff2'), url(./files/noto-sans-jp-0-400-normal.woff) format('woff'); }";
    expect(fontFaceCss(400, css)).toBe(`@font-face { font-display: block; src: url(file://${REPORT_FONT_DIRECTORY}/noto-sans-jp-0-400-normal.woff2) format('woff2'); }`);
  });
});
