import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportFontFaceCss, type ReportDocument } from '@hokenshitsu/reports';
import { templatePaths } from '@hokenshitsu/web';
import Handlebars from 'handlebars';
import type { NoticeInput } from '../notice-input.js';
import { noticeView, type NoticeTitles } from './notice-view.js';

/** Read once at module load: every notice is rendered from the same files. */
const paths = templatePaths();
const noticesDirectory = join(paths.assets, '..', 'subsidies', 'notices');

/**
 * The one stylesheet of the portal and the reports (tokens, app.css with its official-notice
 * block, the Noto Sans JP faces). It goes in unescaped, so it must hold nothing that closes <style>.
 */
const styles = (() => {
  const css = [readFileSync(paths.tokensCss, 'utf8'), readFileSync(join(paths.assets, 'app.css'), 'utf8'), reportFontFaceCss()].join('\n');
  if (/<\/style/i.test(css)) throw new Error('notice stylesheet contains "</style"');
  return css;
})();

/** The notices' names are the portal's shared labels (subsidies.notice.*), so the page and the PDF agree. */
const titles: NoticeTitles = JSON.parse(readFileSync(join(paths.locales, 'subsidies.ja.json'), 'utf8')).subsidies.notice;

/** A private Handlebars environment: nothing registered here reaches the portal's pages. */
const render = Handlebars.create().compile(readFileSync(join(noticesDirectory, 'notice.hbs'), 'utf8'), { strict: true });

/**
 * An official notice (交付決定通知書, 不交付決定通知書, 額確定通知書) as one self-contained HTML
 * document, the shape reports' PdfRenderer prints. Pure apart from the files read once above.
 */
export function noticeDocument(input: NoticeInput): ReportDocument & { lang: 'ja' } {
  const view = noticeView(input, titles);
  return { html: render({ ...view, styles }), title: `${view.title}（${view.number}）`, lang: 'ja' };
}
