import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { templatePaths } from '@hokenshitsu/web';
import Handlebars from 'handlebars';
import { reportFontFaceCss } from './report-fonts.js';
import type { ReportDocument, ReportInput } from './report-input.js';
import { loadReportStrings, type ReportStrings } from './report-strings.js';
import { reportView } from './report-view.js';

interface ReportSources {
  layout: string;
  partials: { name: string; source: string }[];
  locales: { name: string; source: string }[];
  appCss: string;
  tokensCss: string;
}

/** Read once at module load: a report is rendered many times from the same files. */
function readSources(): ReportSources {
  const paths = templatePaths();
  const partialsDirectory = join(paths.reports, 'partials');
  const localesDirectory = join(paths.reports, 'locales');
  const files = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext)).sort();
  return {
    layout: readFileSync(join(paths.reports, 'report.hbs'), 'utf8'),
    partials: files(partialsDirectory, '.hbs').map((f) => ({ name: basename(f, '.hbs'), source: readFileSync(join(partialsDirectory, f), 'utf8') })),
    locales: files(localesDirectory, '.json').map((f) => ({ name: f, source: readFileSync(join(localesDirectory, f), 'utf8') })),
    appCss: readFileSync(join(paths.assets, 'app.css'), 'utf8'),
    tokensCss: readFileSync(paths.tokensCss, 'utf8'),
  };
}

const sources = readSources();

/**
 * First 12 hex of sha256 over everything that shapes a report's look and words (layout, partials,
 * labels, app.css, tokens.css), each file named and length-prefixed so that moving text between
 * files changes the hash too. A stored report made with another version is stale.
 */
function templateVersion(s: ReportSources): string {
  const hash = createHash('sha256');
  const add = (name: string, source: string) => hash.update(`${name}\0${Buffer.byteLength(source)}\0${source}`);
  add('report.hbs', s.layout);
  for (const p of s.partials) add(`partials/${p.name}.hbs`, p.source);
  for (const l of s.locales) add(`locales/${l.name}`, l.source);
  add('app.css', s.appCss);
  add('tokens.css', s.tokensCss);
  return hash.digest('hex').slice(0, 12);
}

export const REPORT_TEMPLATE_VERSION: string = templateVersion(sources);

/**
 * The document's one stylesheet: the agency's tokens, the portal's app.css (its report block
 * included) and the font faces. It goes in unescaped (escaping would break its quotes), so it must
 * hold nothing that could close the <style> element.
 */
function reportStyles(s: ReportSources): string {
  const css = [s.tokensCss, s.appCss, reportFontFaceCss()].join('\n');
  if (/<\/style/i.test(css)) throw new Error('report stylesheet contains "</style"');
  return css;
}

const styles = reportStyles(sources);
const strings: Record<ReportInput['locale'], ReportStrings> = loadReportStrings(join(templatePaths().reports, 'locales'));

/** A private environment: nothing registered here reaches the portal's page engine, and no helper is needed. */
const render = (() => {
  const hbs = Handlebars.create();
  for (const p of sources.partials) hbs.registerPartial(p.name, hbs.compile(p.source, { strict: true }));
  return hbs.compile(sources.layout, { strict: true });
})();

/** The report as one self-contained HTML document (pure apart from the files read once above). */
export function reportDocument(input: ReportInput): ReportDocument {
  const view = reportView(input, { strings: strings[input.locale], templateVersion: REPORT_TEMPLATE_VERSION });
  return { html: render({ ...view, styles }), title: view.title, lang: input.locale };
}
