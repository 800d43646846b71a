import type { DisclosedCell } from '@hokenshitsu/disclosure';
import { INDUSTRIES, SECTORS, SIZE_CLASSES, THEMES } from '@hokenshitsu/reference';
import { sectorScopesOf, tableDesignOf } from '../releases/classification.js';
import { indexCells } from './digest-builder.js';

export interface ScopeThemesRow {
  population: 'employed' | 'all';
  industry: string;
  sizeClass: string;
  label: { ja: string; en: string };
  /** null: not published (非公表); never the hidden value. */
  total: number | null;
  themes: (number | null)[];
}

export interface ScopeThemes {
  themes: { code: string; ja: string; en: string }[];
  rows: ScopeThemesRow[];
}

/**
 * Every scope of a release by every theme, as published: the figure, or null where it is
 * suppressed. Read from the release's disclosed cells only, so it shows what a manager could
 * combine, never more (pure). Scopes: each division, each sector of the release's table design
 * and all industries, by each size class and all sizes, then the city-wide figures (everyone,
 * employed or not).
 */
export function scopeThemes(cells: DisclosedCell[]): ScopeThemes {
  const index = indexCells(cells);
  const count = (pop: string, ind: string, size: string, dim: string, cat: string): number | null => {
    const cell = index.get(`${pop}|${ind}|${size}|${dim}|${cat}`);
    // The release holds the full grid; a missing cell reads as 0, as the API documents.
    return cell ? cell.count : 0;
  };
  const industries = [
    ...INDUSTRIES.map((i) => ({ code: i.code, ja: `${i.code} ${i.ja}`, en: `${i.code} ${i.en}` })),
    ...sectorScopesOf(tableDesignOf(cells)).map((code) => SECTORS.find((s) => s.code === code)!).map((s) => ({ code: s.code, ja: s.ja, en: s.en })),
    { code: '*', ja: '全産業', en: 'All industries' },
  ];
  const sizes = [...SIZE_CLASSES.map((s) => ({ code: s.code, ja: s.ja, en: s.en })), { code: '*', ja: '全規模', en: 'all sizes' }];
  const row = (population: 'employed' | 'all', industry: string, sizeClass: string, label: { ja: string; en: string }): ScopeThemesRow => ({
    population,
    industry,
    sizeClass,
    label,
    total: count(population, industry, sizeClass, 'total', '*'),
    themes: THEMES.map((t) => count(population, industry, sizeClass, 'theme', t.code)),
  });
  const rows = industries.flatMap((i) => sizes.map((s) => row('employed', i.code, s.code, { ja: `${i.ja}・${s.ja}`, en: `${i.en}, ${s.en}` })));
  rows.push(row('all', '*', '*', { ja: '市全体（雇用されていない相談者を含む）', en: 'City-wide (clients not in employment included)' }));
  return { themes: THEMES.map((t) => ({ code: t.code, ja: t.ja, en: t.en })), rows };
}
