import { isDifferentiallyPrivate } from '@hokenshitsu/disclosure';
import { type Digest, employerSupportText, type EmployerSupportText, protectionSpecification } from '@hokenshitsu/digests';
import { INDUSTRIES, SIZE_CLASSES, THEMES } from '@hokenshitsu/reference';
import { consultedBand, consultedBandLabel } from './consulted-band.js';
import { pairedBarChartSvg } from './report-chart.js';
import { formatDate, formatPeriod, tokyoDate } from './report-dates.js';
import { percent } from './report-format.js';
import type { ReportInput, ReportLocale } from './report-input.js';
import { type DimensionView, dimensionViews, onlineDemandSentence } from './report-people.js';
import { fill, type ReportStrings } from './report-strings.js';
import { chartReading } from './theme-reading.js';

/**
 * Everything the templates show, already worded and formatted (pure). The templates only place it,
 * escaped; `chart.svg` is the one piece of markup, built by pairedBarChartSvg, which escapes its text.
 * Every field is present (null rather than missing), so the templates compile in strict mode.
 */
export interface ReportView {
  lang: ReportLocale;
  title: string;
  heading: string;
  s: ReportStrings;
  draft: boolean;
  facts: { term: string; detail: string }[];
  broader: string | null;
  keyPoints: string[];
  chart: { svg: string; caption: string } | null;
  readings: string[];
  themeTable: { scopeHeading: string; caption: string; rows: { label: string; share: string; cityShare: string; withheld: boolean }[] };
  dimensions: DimensionView[];
  peopleIntro: string;
  onlineDemand: string | null;
  hasWithheld: boolean;
  satisfaction: { rows: { label: string; share: string }[] } | null;
  advice: { heading: string; text: string }[];
  /** The open subsidy's terms in the digest page's words (digests' employerSupportText). */
  support: EmployerSupportText | null;
  method: { plain: string[]; specification: string[]; colophon: string };
}

export interface ReportViewContext {
  strings: ReportStrings;
  templateVersion: string;
}

const label = (list: readonly { code: string; ja: string; en: string }[], code: string, locale: ReportLocale) =>
  list.find((x) => x.code === code)?.[locale] ?? code;

/** "製造業・20〜99人" / "Manufacturing, 20–99 employees": the same form as the digest's scope labels. */
export function requestedLabel(requested: ReportInput['requested'], locale: ReportLocale): string {
  const industry = label(INDUSTRIES, requested.industry, locale);
  const size = label(SIZE_CLASSES, requested.sizeClass, locale);
  return locale === 'ja' ? `${industry}・${size}` : `${industry}, ${size}`;
}

const scopeLabel = (digest: Digest, locale: ReportLocale) => (locale === 'ja' ? digest.scope.label_ja : digest.scope.label_en);

function releaseLine(release: ReportInput['release'], locale: ReportLocale, s: ReportStrings): string {
  if (release.status !== 'published' || release.publishedAt === null) return fill(s.facts.draft, { label: release.label });
  return fill(s.facts.published, { label: release.label, date: formatDate(tokyoDate(release.publishedAt), locale) });
}

function themeChart(input: ReportInput, s: ReportStrings): ReportView['chart'] {
  const { digest, locale } = input;
  const top = digest.top_themes;
  if (top.length === 0) return null;
  const scope = scopeLabel(digest, locale);
  const title = fill(s.themes.chartTitle, { n: top.length, scope });
  // The figures are in the SVG's title/desc (for the tagged PDF) and in the themes table below (for the eye).
  const svg = pairedBarChartSvg(
    top.map((t) => ({ label: t[locale], value: t.share, compare: t.city_share })),
    { id: 'chart-themes', title, valueLegend: scope, compareLegend: s.themes.cityLegend, valueLabel: (v) => percent(v, s) },
  );
  return { svg, caption: fill(s.themes.caption, { title }) };
}

/** Published themes by share, then the withheld ones as "—" (with their city-wide share, which is public). */
function themeTable(input: ReportInput, s: ReportStrings): ReportView['themeTable'] {
  const { digest, locale } = input;
  const cityShare = (code: string) => digest.city.themes.find((t) => t.code === code)?.share ?? null;
  const published = digest.themes.map((t) => ({ label: t[locale], share: percent(t.share, s), cityShare: percent(t.city_share, s), withheld: false }));
  const withheld = digest.withheld_themes.map((code) => ({ label: label(THEMES, code, locale), share: '—', cityShare: percent(cityShare(code), s), withheld: true }));
  const scope = scopeLabel(digest, locale);
  return { scopeHeading: fill(s.themes.share, { scope }), caption: fill(s.themes.tableCaption, { scope }), rows: [...published, ...withheld] };
}

function keyPoints(input: ReportInput, band: string, s: ReportStrings, readings: string[], online: string | null): string[] {
  const { digest, locale } = input;
  const top = digest.top_themes[0];
  const points = [fill(s.keyPoints.consulted, { band, scope: scopeLabel(digest, locale) })];
  points.push(top ? fill(s.keyPoints.topTheme, { theme: top[locale], share: percent(top.share, s) }) : s.keyPoints.noThemes);
  if (readings[0]) points.push(readings[0]);
  if (online) points.push(online);
  return points;
}

/** Advice for the report's top themes that have an entry, in the chart's order and the report's language. */
function adviceCards(input: ReportInput, s: ReportStrings): ReportView['advice'] {
  const { digest, locale, advice } = input;
  return digest.top_themes.flatMap((t) => {
    const entry = advice.entries.find((a) => a.theme === t.code);
    const text = entry?.[locale] || entry?.ja;
    return text ? [{ heading: fill(s.advice.themeHeading, { theme: t[locale], share: percent(t.share, s) }), text }] : [];
  });
}

function method(input: ReportInput, s: ReportStrings, templateVersion: string): ReportView['method'] {
  const { release, digest, locale, advice } = input;
  const p = release.policy;
  const protection = isDifferentiallyPrivate(p)
    ? [s.method.dp]
    : [fill(s.method.k, { k: p.k }), fill(s.method.employers, { minEmployers: p.min_employers, share: Math.round(p.max_employer_share * 100) })];
  const source = fill(release.status === 'published' ? s.method.source : s.method.sourceDraft, { label: release.label });
  return {
    plain: [...protection, s.method.dash, fill(s.method.scope, { scope: scopeLabel(digest, locale) }), s.method.multiple, s.method.eveningWeekend, source],
    specification: protectionSpecification(p)[locale].split('\n'),
    colophon: fill(s.method.colophon, { label: release.label, id: release.id, version: advice.version, template: templateVersion }),
  };
}

export function reportView(input: ReportInput, { strings: s, templateVersion }: ReportViewContext): ReportView {
  const { digest, locale, release } = input;
  const requested = requestedLabel(input.requested, locale);
  const scope = scopeLabel(digest, locale);
  const band = consultedBandLabel(consultedBand(digest.clients, release.policy.k), locale);
  const readings = chartReading(digest.top_themes, locale, digest.scope.level);
  const online = onlineDemandSentence(digest, locale, s);
  const dimensions = dimensionViews(digest, locale, s);
  const table = themeTable(input, s);
  const satisfaction = input.satisfaction
    ? { rows: input.satisfaction.items.map((i) => ({ label: i[locale], share: percent(i.share, s) })) }
    : null;
  return {
    lang: locale,
    title: fill(s.documentTitle, { requested, release: release.label }),
    heading: fill(s.title, { requested }),
    s,
    draft: release.status !== 'published',
    facts: [
      { term: s.facts.requested, detail: requested },
      { term: s.facts.scope, detail: scope },
      { term: s.facts.period, detail: formatPeriod(release.periodStart, release.periodEnd, locale) },
      { term: s.facts.release, detail: releaseLine(release, locale, s) },
      { term: s.facts.consulted, detail: fill(s.facts.consultedValue, { band }) },
    ],
    broader: digest.scope.level === 'division_size' ? null : fill(s.broader, { requested, scope }),
    keyPoints: keyPoints(input, band, s, readings, online),
    chart: themeChart(input, s),
    readings,
    themeTable: table,
    dimensions,
    peopleIntro: fill(s.people.intro, { scope }),
    onlineDemand: online,
    hasWithheld: table.rows.some((r) => r.withheld) || dimensions.some((d) => d.rows.some((r) => r.withheld)) || (satisfaction?.rows.some((r) => r.share === '—') ?? false),
    satisfaction,
    advice: adviceCards(input, s),
    support: input.support ? employerSupportText(input.support, locale) : null,
    method: method(input, s, templateVersion),
  };
}
