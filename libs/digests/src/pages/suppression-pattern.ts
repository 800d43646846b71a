import type { DisclosedCell, SuppressionReason } from '@hokenshitsu/disclosure';
import { INDUSTRIES, SECTORS, SIZE_CLASSES } from '@hokenshitsu/reference';
import { sectorScopesOf, tableDesignOf } from '../releases/classification.js';

/** Primary suppression breaks a rule by itself; the rest hide more so that the primary stay hidden. */
const PRIMARY: readonly SuppressionReason[] = ['min_count', 'min_employers', 'employer_share', 'attribute'];
const REASONS: readonly SuppressionReason[] = [...PRIMARY, 'secondary', 'differencing', 'prior_pattern'];

export interface Labelled {
  code: string;
  ja: string;
  en: string;
}

export interface PatternCell {
  count: number | null;
  suppressed: boolean;
  /** Staff only: "primary" would tell anyone else that the hidden figure is under k. */
  reason?: SuppressionReason;
  reasonKind?: 'primary' | 'secondary';
}

export interface PatternRow extends Labelled {
  level: 'division' | 'sector' | 'all';
  cells: PatternCell[];
}

export interface SuppressionPattern {
  columns: Labelled[];
  rows: PatternRow[];
}

const ALL_INDUSTRIES: Labelled = { code: '*', ja: '全産業', en: 'All industries' };
const ALL_SIZES: Labelled = { code: '*', ja: '全規模', en: 'All sizes' };

function reasonKind(reason: SuppressionReason): 'primary' | 'secondary' {
  return PRIMARY.includes(reason) ? 'primary' : 'secondary';
}

/**
 * The employed clients' totals as staff review them before publishing (pure): the 20 divisions,
 * then the sectors the release's tables have (3 on JSIC's, 2 folded), then all industries, by the
 * 4 size classes and all sizes.
 */
export function suppressionPattern(cells: readonly DisclosedCell[]): SuppressionPattern {
  const totals = new Map(
    cells.filter((c) => c.population === 'employed' && c.dimension === 'total').map((c) => [`${c.industry}|${c.sizeClass}`, c]),
  );
  const columns: Labelled[] = [...SIZE_CLASSES, ALL_SIZES].map(({ code, ja, en }) => ({ code, ja, en }));
  const row = (industry: Labelled, level: PatternRow['level']): PatternRow => ({
    code: industry.code,
    ja: industry.ja,
    en: industry.en,
    level,
    cells: columns.map((size) => {
      // The release holds the full grid (zeros included); a missing cell would be a zero.
      const cell = totals.get(`${industry.code}|${size.code}`);
      const count = cell ? cell.count : 0;
      if (count !== null) return { count, suppressed: false };
      return cell?.reason ? { count, suppressed: true, reason: cell.reason, reasonKind: reasonKind(cell.reason) } : { count, suppressed: true };
    }),
  });
  return {
    columns,
    rows: [
      ...INDUSTRIES.map((i) => row({ code: i.code, ja: `${i.code} ${i.ja}`, en: `${i.code} ${i.en}` }, 'division')),
      ...sectorScopesOf(tableDesignOf(cells)).map((code) => row(SECTORS.find((s) => s.code === code)!, 'sector')),
      row(ALL_INDUSTRIES, 'all'),
    ],
  };
}

/** How many cells of every table each reason suppressed, primary reasons first; unused reasons left out. */
export function suppressionReasonCounts(cells: readonly DisclosedCell[]): { reason: SuppressionReason; reasonKind: 'primary' | 'secondary'; count: number }[] {
  const counts = new Map<SuppressionReason, number>();
  for (const c of cells) if (c.count === null && c.reason) counts.set(c.reason, (counts.get(c.reason) ?? 0) + 1);
  return REASONS.filter((r) => counts.has(r)).map((reason) => ({ reason, reasonKind: reasonKind(reason), count: counts.get(reason)! }));
}
