import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportLocale } from './report-input.js';

/** The report's labels: templates/reports/locales/{ja,en}.json (the templates read them as `s.…`). */
export interface ReportStrings {
  eyebrow: string;
  title: string;
  documentTitle: string;
  draftBanner: string;
  facts: Record<'heading' | 'requested' | 'scope' | 'period' | 'release' | 'published' | 'draft' | 'consulted' | 'consultedValue', string>;
  broader: string;
  keyPoints: Record<'heading' | 'consulted' | 'topTheme' | 'noThemes', string>;
  themes: Record<
    | 'heading' | 'chartTitle' | 'caption' | 'cityLegend' | 'readingHeading' | 'noReading'
    | 'tableHeading' | 'tableCaption' | 'theme' | 'share' | 'cityShare' | 'none',
    string
  >;
  people: Record<
    | 'heading' | 'intro' | 'category' | 'share' | 'age_band' | 'employment_type' | 'tenure_band' | 'channel' | 'empty'
    | 'online' | 'onlinePart' | 'onlineJoin' | 'eveningWeekend',
    string
  >;
  withheld: string;
  lessThanOne: string;
  satisfaction: Record<'heading' | 'notPublished' | 'item' | 'share', string>;
  advice: Record<'heading' | 'intro' | 'themeHeading' | 'none', string>;
  method: Record<
    | 'heading' | 'k' | 'employers' | 'dp' | 'dash' | 'scope' | 'multiple' | 'source' | 'sourceDraft' | 'eveningWeekend'
    | 'specHeading' | 'colophon',
    string
  >;
}

/** Reads both locales' labels (once, by the document module). */
export function loadReportStrings(localesDirectory: string): Record<ReportLocale, ReportStrings> {
  const read = (locale: ReportLocale) => JSON.parse(readFileSync(join(localesDirectory, `${locale}.json`), 'utf8')) as ReportStrings;
  return { ja: read('ja'), en: read('en') };
}

/** "{name}" placeholders filled from vars; a placeholder without a value is an error, not a blank in print. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`report label "${template}" needs {${name}}`);
    return String(value);
  });
}
