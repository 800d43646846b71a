import { createHash } from 'node:crypto';
import { fiscalPeriod, fiscalYearOf } from '../pages/fiscal-periods.js';

/** Cells of at least 3k clients that stay published, as a share: rounded to 0.001, null when there are none (or the release predates the count). */
export function keptShare(largeCells: number | null | undefined, kept: number | null | undefined): number | null {
  if (largeCells === null || largeCells === undefined || kept === null || kept === undefined || largeCells <= 0) return null;
  return Math.round((kept / largeCells) * 1000) / 1000;
}

/**
 * The published releases a next-cost answer started from, as a short stable key: the same set in
 * any order gives the same key, another publication another key (and so a new answer).
 */
export function publishedFingerprint(releaseIds: readonly string[]): string {
  const sorted = [...new Set(releaseIds)].sort();
  return createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 32);
}

/** The release a draft constrains next: its fiscal year's full release, or why there is none. */
export type NextRelease =
  | { kind: 'fiscal-year'; fiscalYear: number; start: string; end: string }
  | { kind: 'is-fiscal-year'; fiscalYear: number }
  | { kind: 'spans-years' };

/**
 * A quarter or half ending on a day inside the fiscal year constrains the full-year release (the one
 * managers and the mayor read): its suppression pattern is public once published, and the year's
 * release must not let the two be subtracted. A draft that is the full year has no later release
 * in that year; one that crosses 31 March belongs to no single year.
 */
export function nextReleaseOf(periodStart: string, periodEnd: string): NextRelease {
  const fiscalYear = fiscalYearOf(periodStart);
  const year = fiscalPeriod(fiscalYear, 'fy');
  if (periodEnd > year.end) return { kind: 'spans-years' };
  if (periodStart === year.start && periodEnd === year.end) return { kind: 'is-fiscal-year', fiscalYear };
  return { kind: 'fiscal-year', fiscalYear, start: year.start, end: year.end };
}
