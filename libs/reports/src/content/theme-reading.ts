import type { ScopeLevel } from '@hokenshitsu/digests';
import type { ReportLocale } from './report-input.js';

/**
 * A ratio of two shares, worded in coarse steps: the shares are small-group figures, so "約1.7倍"
 * would claim a precision they do not have. Above 1: about the same, 1.5×, twice, then whole
 * multiples; below 1 the same steps mirrored (two-thirds, half, a third, a quarter …).
 */
export type RatioStep =
  | { direction: 'same' }
  | { direction: 'higher'; times: number }
  | { direction: 'lower'; fraction: '2/3' | `1/${number}` };

/** Within ±30 % reads as "about the same": smaller differences are within a small group's noise. */
const SAME_BELOW = 1.3;
const ONE_AND_A_HALF_BELOW = 1.75;

/** The worded step for share / cityShare (both > 0). */
export function ratioStep(share: number, cityShare: number): RatioStep {
  const ratio = share / cityShare;
  const up = ratio >= 1 ? ratio : 1 / ratio;
  if (up < SAME_BELOW) return { direction: 'same' };
  if (ratio >= 1) return { direction: 'higher', times: up < ONE_AND_A_HALF_BELOW ? 1.5 : Math.round(up) };
  return { direction: 'lower', fraction: up < ONE_AND_A_HALF_BELOW ? '2/3' : `1/${Math.round(up)}` };
}

export interface ReadableTheme {
  ja: string;
  en: string;
  share: number | null;
  city_share: number | null;
}

const JA_TIMES = (t: number) => (t === 1.5 ? '約1.5倍' : `約${t}倍`);
const JA_FRACTION: Record<string, string> = { '2/3': '約3分の2', '1/2': '約半分' };
const EN_TIMES: Record<number, string> = { 1.5: 'about 1.5 times as often', 2: 'about twice as often', 3: 'about three times as often', 4: 'about four times as often', 5: 'about five times as often' };
const EN_FRACTION: Record<string, string> = { '2/3': 'about two-thirds as often', '1/2': 'about half as often', '1/3': 'about a third as often', '1/4': 'about a quarter as often', '1/5': 'about a fifth as often' };

/** Where the report's figures come from, as an English phrase ("in your sector" …). */
function enWhere(level: ScopeLevel): string {
  if (level === 'size') return 'in your size class';
  if (level === 'all') return 'among employed clients';
  return 'in your sector';
}

/** One sentence comparing a theme's share with the city-wide share, or null when either is missing or zero. */
export function themeReading(theme: ReadableTheme, locale: ReportLocale, level: ScopeLevel): string | null {
  if (theme.share === null || theme.city_share === null || theme.share <= 0 || theme.city_share <= 0) return null;
  const step = ratioStep(theme.share, theme.city_share);
  if (locale === 'ja') {
    const name = `「${theme.ja}」は`;
    if (step.direction === 'same') return `${name}市全体とほぼ同じ割合で挙がっています。`;
    if (step.direction === 'higher') return `${name}市全体の${JA_TIMES(step.times)}の割合で挙がっています。`;
    const fraction = JA_FRACTION[step.fraction] ?? `約${step.fraction.slice(2)}分の1`;
    return `${name}市全体の${fraction}の割合にとどまっています。`;
  }
  const where = enWhere(level);
  // Quoted, as 「」 in Japanese: some labels hold commas ("Physical and mental health, menopause").
  const name = `“${theme.en}”`;
  if (step.direction === 'same') return `${name} is raised about as often ${where} as city-wide.`;
  if (step.direction === 'higher') return `${name} is raised ${EN_TIMES[step.times] ?? `about ${step.times} times as often`} ${where} as city-wide.`;
  return `${name} is raised only ${EN_FRACTION[step.fraction] ?? `about 1/${step.fraction.slice(2)} as often`} ${where} as city-wide.`;
}

function hasBothShares(t: ReadableTheme): t is ReadableTheme & { share: number; city_share: number } {
  return t.share !== null && t.city_share !== null && t.share > 0 && t.city_share > 0;
}

/** "A", "A and B", "A, B and C". */
function enList(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The chart's plain-language reading: one sentence per theme that differs from the city-wide share,
 * in the chart's order, then one sentence for all that are about the same (five sentences saying
 * "about the same" would bury the ones that matter). Themes without both shares are left out.
 */
export function chartReading(themes: readonly ReadableTheme[], locale: ReportLocale, level: ScopeLevel): string[] {
  const comparable = themes.filter(hasBothShares);
  const same = comparable.filter((t) => ratioStep(t.share, t.city_share).direction === 'same');
  const different = comparable.filter((t) => !same.includes(t)).map((t) => themeReading(t, locale, level)!);
  if (same.length < 2) return comparable.map((t) => themeReading(t, locale, level)!);
  const names = same.map((t) => (locale === 'ja' ? `「${t.ja}」` : `“${t.en}”`));
  const together =
    locale === 'ja'
      ? `${names.join('')}は、市全体とほぼ同じ割合で挙がっています。`
      : `${enList(names)} are raised about as often ${enWhere(level)} as city-wide.`;
  return [...different, together];
}
