import type { ReportStrings } from './report-strings.js';

/**
 * A share as whole percent; a published share that rounds to 0 reads "under 1%", so "0%" in a
 * report always means nobody, and a withheld share (null) is "—", never 0.
 */
export function percent(share: number | null, s: Pick<ReportStrings, 'lessThanOne'>): string {
  if (share === null) return '—';
  if (share > 0 && share < 0.005) return s.lessThanOne;
  return `${Math.round(share * 100)}%`;
}
