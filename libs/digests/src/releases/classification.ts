import { CONSULTATION_CATEGORIES } from '@hokenshitsu/consultations';
import { type Classification, foldPrimarySector, usesFoldedSectors } from '@hokenshitsu/disclosure';
import { INDUSTRIES, type Sector, SIZE_CLASSES } from '@hokenshitsu/reference';

/**
 * The reference code lists in the shape the disclosure engine takes, with JSIC's sector margins
 * (primary A–B, secondary C–E, tertiary F–T). The categories are the ones the consultations'
 * aggregation counts, in its order, so the engine and the aggregates agree.
 */
export const JSIC_CLASSIFICATION: Classification = {
  industries: INDUSTRIES.map((i) => ({ code: i.code, sector: i.sector })),
  sizeClasses: SIZE_CLASSES.map((s) => s.code),
  categories: CONSULTATION_CATEGORIES,
};

/**
 * The same lists with the city's tiny primary sector folded into the secondary one
 * ('primary_secondary', A–E): its margin cells were hidden and each cost a large partner cell
 * (88.3 % → 94.0 % of the realistic fiscal year's cells of 3k+ clients kept). New releases use it.
 */
export const FOLDED_CLASSIFICATION: Classification = foldPrimarySector(JSIC_CLASSIFICATION);

/** Which sector margins a release's tables have. */
export type TableDesign = 'folded' | 'jsic';

export function classificationFor(design: TableDesign): Classification {
  return design === 'folded' ? FOLDED_CLASSIFICATION : JSIC_CLASSIFICATION;
}

/** The design a release was published on, read from its cells (releases before the fold are JSIC). */
export function tableDesignOf(cells: readonly { industry: string }[]): TableDesign {
  return usesFoldedSectors(cells) ? 'folded' : 'jsic';
}

/** Sector scopes that only JSIC tables have (tertiary is in both designs). */
const JSIC_ONLY_SECTORS: readonly string[] = ['primary', 'secondary'];

/** What the design choice reads of a published release: the sector scopes its cells have. */
export interface PublishedTables {
  sectorScopes: readonly string[];
}

function onJsicTables(release: PublishedTables): boolean {
  return !release.sectorScopes.includes('primary_secondary') && release.sectorScopes.some((s) => JSIC_ONLY_SECTORS.includes(s));
}

/**
 * The design of a new build of a period: folded, unless the city has already published on JSIC
 * margins (primary/secondary scopes and no primary_secondary), so that a fiscal year begun on JSIC
 * tables keeps them to its end. The published releases overlapping the period decide; where none
 * does, those of the fiscal years the period touches (a second quarter after a JSIC first quarter
 * stays JSIC, or the fiscal-year release over both could not be built). Where both designs
 * overlap the period the engine refuses either build (the caller answers 409).
 */
export function chooseTableDesign(overlapping: readonly PublishedTables[], sameFiscalYear: readonly PublishedTables[] = []): TableDesign {
  const deciding = overlapping.length > 0 ? overlapping : sameFiscalYear;
  return deciding.some(onJsicTables) ? 'jsic' : 'folded';
}

/** The fiscal years (1 April to 31 March) that a period touches, as one span of dates. */
export function fiscalYearsSpanned(periodStart: string, periodEnd: string): { start: string; end: string } {
  const fiscalYear = (iso: string) => Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) < 4 ? 1 : 0);
  return { start: `${fiscalYear(periodStart)}-04-01`, end: `${fiscalYear(periodEnd) + 1}-03-31` };
}

/** A division's sector scope in a design ('*' for a code outside the classification). */
export function sectorScopeOf(design: TableDesign, industry: string): Sector | '*' {
  return classificationFor(design).industries.find((i) => i.code === industry)?.sector ?? '*';
}

/** The sector scopes a design's tables have, in code-list order of their first division. */
export function sectorScopesOf(design: TableDesign): Sector[] {
  return [...new Set(classificationFor(design).industries.map((i) => i.sector))];
}
