import type { DisclosedCell } from '@hokenshitsu/disclosure';
import { buildDigest, scopeChain } from './digest-builder.js';

function cell(industry: string, sizeClass: string, dimension: DisclosedCell['dimension'], category: string, count: number | null, population: DisclosedCell['population'] = 'employed'): DisclosedCell {
  return { population, industry, sizeClass, dimension, category, count };
}

const city = [cell('*', '*', 'total', '*', 200, 'all'), cell('*', '*', 'theme', 'startup', 50, 'all'), cell('*', '*', 'theme', 'health', 100, 'all')];

describe('buildDigest', () => {
  it('walks division×size → division → sector×size → size → all', () => {
    expect(scopeChain('E', '20-99', 'jsic').map((s) => `${s.level}:${s.industry}/${s.sizeClass}`)).toEqual([
      'division_size:E/20-99', 'division:E/*', 'sector_size:secondary/20-99', 'size:*/20-99', 'all:*/*',
    ]);
  });

  it("falls back to the sector of the release's table design: A and E to primary_secondary on folded tables", () => {
    const sector = (industry: string, design: 'jsic' | 'folded') => scopeChain(industry, '1-19', design).find((s) => s.level === 'sector_size')!.industry;
    expect(['A', 'B', 'C', 'E', 'P'].map((i) => sector(i, 'folded'))).toEqual(['primary_secondary', 'primary_secondary', 'primary_secondary', 'primary_secondary', 'tertiary']);
    expect(['A', 'B', 'C', 'E', 'P'].map((i) => sector(i, 'jsic'))).toEqual(['primary', 'primary', 'secondary', 'secondary', 'tertiary']);
  });

  it('labels the folded fallback 第一次・第二次産業, read from the cells of a folded release', () => {
    const cells = [
      ...city,
      cell('A', '1-19', 'total', '*', null),
      cell('A', '*', 'total', '*', null),
      cell('primary_secondary', '1-19', 'total', '*', 30),
      cell('primary_secondary', '1-19', 'theme', 'health', 12),
      cell('tertiary', '1-19', 'total', '*', 90),
    ];
    const d = buildDigest(cells, 'A', '1-19', 5)!;
    expect(d.scope).toMatchObject({ level: 'sector_size', industry: 'primary_secondary', label_ja: '第一次・第二次産業・小規模（1〜19人）', label_en: 'Primary and secondary sectors, Small (1–19)' });
    // The same cells under JSIC sector names: a JSIC release keeps its primary fallback.
    const jsic = cells.map((c) => (c.industry === 'primary_secondary' ? { ...c, industry: 'primary' } : c));
    expect(buildDigest(jsic, 'A', '1-19', 5)!.scope).toMatchObject({ level: 'sector_size', industry: 'primary', label_ja: '第一次産業・小規模（1〜19人）' });
  });

  it('uses the most specific scope whose total is published and at least k', () => {
    const cells = [
      ...city,
      cell('E', '20-99', 'total', '*', null),
      cell('E', '*', 'total', '*', 4), // published but under k: not a scope to take shares over
      cell('secondary', '20-99', 'total', '*', 40),
      cell('secondary', '20-99', 'theme', 'health', 20),
      cell('secondary', '20-99', 'theme', 'startup', 10),
      cell('secondary', '20-99', 'theme', 'harassment', null),
      cell('secondary', '20-99', 'age_band', '40-49', 25),
      cell('secondary', '20-99', 'age_band', '50-59', null),
    ];
    const d = buildDigest(cells, 'E', '20-99', 5)!;
    expect(d.scope).toMatchObject({ level: 'sector_size', industry: 'secondary', size_class: '20-99', label_ja: '第二次産業・20〜99人' });
    expect(d.clients).toBe(40);
    expect(d.top_themes.map((t) => [t.code, t.count, t.share, t.city_share])).toEqual([
      ['health', 20, 0.5, 0.5],
      ['startup', 10, 0.25, 0.25],
    ]);
    expect(d.withheld_themes).toEqual(['harassment']);
    expect(d.dimensions.age_band).toEqual([
      { code: '40-49', count: 25, share: 0.625 },
      { code: '50-59', count: null, share: null },
    ]);
    expect(d.city.clients).toBe(200);
  });

  it('passes over a scope whose every theme figure is withheld, unless no scope shows any', () => {
    const withheld = [
      ...city,
      cell('E', '20-99', 'total', '*', 12),
      cell('E', '20-99', 'theme', 'health', null),
      cell('E', '20-99', 'theme', 'startup', null),
      cell('E', '*', 'total', '*', 30),
      cell('E', '*', 'theme', 'health', 9),
    ];
    expect(buildDigest(withheld, 'E', '20-99', 5)!.scope).toMatchObject({ level: 'division', industry: 'E', size_class: '*' });
    const nowhere = withheld.map((c) => (c.dimension === 'theme' && c.population === 'employed' ? { ...c, count: null } : c));
    const d = buildDigest(nowhere, 'E', '20-99', 5)!;
    expect(d.scope).toMatchObject({ level: 'division_size', industry: 'E', size_class: '20-99' });
    expect(d.withheld_themes).toEqual(['startup', 'health']);
  });

  it('returns null when no scope can be published', () => {
    expect(buildDigest([cell('*', '*', 'total', '*', null)], 'E', '20-99', 5)).toBeNull();
  });
});
