import type { ReportLocale } from './report-input.js';

/**
 * How many people consulted, as a band: a report is a file that travels (forwarded, printed, kept
 * for years), so it never carries the exact count; a band is enough to judge how much weight the
 * shares bear. The lower edges grow roughly ×2–2.5 so that each band is a meaningfully different
 * size of group: k–9, 10–19, 20–49, 50–99, 100–199, 200–499, 500 or more.
 */
export const CONSULTED_BAND_EDGES: readonly number[] = [10, 20, 50, 100, 200, 500];

export interface ConsultedBand {
  /** null: below k (a digest never is; kept so the function is total). */
  min: number | null;
  /** null: open-ended top band. */
  max: number | null;
}

/** The band holding `count`; no band starts below k, since a digest is drawn only from ≥ k people. */
export function consultedBand(count: number, k: number): ConsultedBand {
  if (count < k) return { min: null, max: k - 1 };
  const lows = [0, ...CONSULTED_BAND_EDGES];
  const i = lows.findLastIndex((low) => count >= low);
  const max = i + 1 < lows.length ? lows[i + 1]! - 1 : null;
  return { min: Math.max(lows[i]!, k), max };
}

const number = (n: number, locale: ReportLocale) => n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB');

/** "10〜19名" / "10–19 people", "500名以上" / "500 or more people", "5名未満" / "fewer than 5 people". */
export function consultedBandLabel(band: ConsultedBand, locale: ReportLocale): string {
  if (band.min === null) return locale === 'ja' ? `${number(band.max! + 1, locale)}名未満` : `fewer than ${number(band.max! + 1, locale)} people`;
  if (band.max === null) return locale === 'ja' ? `${number(band.min, locale)}名以上` : `${number(band.min, locale)} or more people`;
  if (band.min === band.max) return locale === 'ja' ? `${number(band.min, locale)}名` : `${number(band.min, locale)} people`;
  return locale === 'ja' ? `${number(band.min, locale)}〜${number(band.max, locale)}名` : `${number(band.min, locale)}–${number(band.max, locale)} people`;
}
