import { INDUSTRIES, SIZE_CLASSES, THEMES } from '@hokenshitsu/reference';
import type { FieldError } from '@hokenshitsu/core';
import { FormErrorBuilder, type FormErrors, type I18n, type Lang } from '@hokenshitsu/web';
import { barChartSvg } from '../digest/bar-chart.js';
import type { Digest } from '../digest/digest-builder.js';
import { protectionSpecification } from '../releases/protection-spec.js';
import type { Release } from '../releases/release.entity.js';

/**
 * The scope choice (industry, size class) refused by DigestService, worded by field: a missing
 * code reads as "required", a given but unknown one as "invalid". The digest page and the staff
 * preview share the form.
 */
export function scopeChoiceErrors(i18n: I18n, refused: FieldError[], chosen: { industry?: string; sizeClass?: string }): FormErrors {
  const given: Record<string, string | undefined> = { industry: chosen.industry, size_class: chosen.sizeClass };
  const errors = new FormErrorBuilder(i18n, 'digest', ['industry', 'size_class']);
  for (const f of refused) errors.add(f.field, [given[f.field] ? 'invalid' : 'required']);
  return errors.build();
}

/** Shares as whole percent: the chart and the table then read the same. */
function percent(share: number): string {
  return String(Math.round(share * 100));
}

function requestedLabel(d: Digest, lang: Lang): string {
  const industry = INDUSTRIES.find((i) => i.code === d.requested.industry);
  const size = SIZE_CLASSES.find((s) => s.code === d.requested.size_class);
  return [industry?.[lang], size?.[lang]].filter(Boolean).join(lang === 'ja' ? '・' : ', ');
}

/**
 * A digest as the page shows it: the scope in words, the top themes as a server-side SVG chart
 * (no script, so it passes the page's CSP and prints), every published theme in a table, and the
 * themes withheld. Built only from DigestService's result, which reads published cells only.
 */
export function toDigestView(d: Digest, release: Release, lang: Lang, i18n: I18n) {
  const scope = lang === 'en' ? d.scope.label_en : d.scope.label_ja;
  const withheld = d.withheld_themes.map((code) => THEMES.find((t) => t.code === code)?.[lang] ?? code);
  const chart = d.top_themes.length
    ? barChartSvg(
        d.top_themes.map((t) => ({ label: t[lang], value: t.share, compare: t.city_share })),
        {
          title: i18n.t(lang, 'digest.chartTitle', { scope }),
          valueLabel: (v) => i18n.t(lang, 'digest.percent', { value: percent(v) }),
          valueLegend: i18n.t(lang, 'digest.legendScope'),
          compareLegend: i18n.t(lang, 'digest.legendCity'),
        },
      )
    : undefined;
  return {
    scope,
    level: d.scope.level,
    broader: d.scope.level !== 'division_size',
    requested: requestedLabel(d, lang),
    clients: d.clients,
    period: { start: release.periodStart, end: release.periodEnd },
    chartSvg: chart,
    themes: d.themes.map((t) => ({
      label: t[lang],
      count: t.count,
      share: percent(t.share),
      cityShare: t.city_share === null ? undefined : percent(t.city_share),
    })),
    withheld,
    // One line for all of them: listed one per line, thirteen withheld themes drowned the two published.
    withheldLine: i18n.t(lang, withheld.length === 1 ? 'digest.withheldCountOne' : 'digest.withheldCount', { count: withheld.length }),
    withheldNames: withheld.join(i18n.t(lang, 'digest.nameSeparator')),
    specification: protectionSpecification(release.policy)[lang].split('\n'),
  };
}
