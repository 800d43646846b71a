import type { ReportLocale } from './report-input.js';

/** A calendar date (no time, no zone). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** "2026-04-01" → its calendar date, read from the string: no Date, so no time zone can shift it. */
export function parseIsoDate(iso: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

const TOKYO = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The date an instant falls on in Tokyo (what a person in the city sees), whatever the process's zone. */
export function tokyoDate(instant: Date): CalendarDate {
  const part = (type: string) => Number(TOKYO.formatToParts(instant).find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026年4月1日" / "1 April 2026". */
export function formatDate(d: CalendarDate, locale: ReportLocale): string {
  return locale === 'ja' ? `${d.year}年${d.month}月${d.day}日` : `${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`;
}

/** "2026年4月1日〜2026年9月30日" / "1 April 2026 – 30 September 2026". */
export function formatPeriod(start: string, end: string, locale: ReportLocale): string {
  const [s, e] = [formatDate(parseIsoDate(start), locale), formatDate(parseIsoDate(end), locale)];
  return locale === 'ja' ? `${s}〜${e}` : `${s} – ${e}`;
}
