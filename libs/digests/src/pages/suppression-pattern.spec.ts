import type { DisclosedCell } from '@hokenshitsu/disclosure';
import { suppressionPattern, suppressionReasonCounts } from './suppression-pattern.js';

function total(industry: string, sizeClass: string, count: number | null, reason?: DisclosedCell['reason']): DisclosedCell {
  return { population: 'employed', industry, sizeClass, dimension: 'total', category: '*', count, ...(reason ? { reason } : {}) };
}

describe('suppressionPattern', () => {
  const cells: DisclosedCell[] = [
    total('E', '20-99', null, 'min_count'),
    total('E', '1-19', null, 'secondary'),
    total('E', '*', 12),
    total('*', '*', 300),
    total('B', '300+', 0),
    { population: 'employed', industry: 'E', sizeClass: '20-99', dimension: 'theme', category: 'health', count: null, reason: 'attribute' },
    { population: 'all', industry: '*', sizeClass: '*', dimension: 'total', category: '*', count: 400 },
  ];

  it('lays the totals out as divisions, sectors, all industries by size classes and all sizes', () => {
    const p = suppressionPattern(cells);
    expect(p.columns.map((c) => c.code)).toEqual(['1-19', '20-99', '100-299', '300+', '*']);
    expect(p.rows.map((r) => r.code)).toEqual([...'ABCDEFGHIJKLMNOPQRST'.split(''), 'primary', 'secondary', 'tertiary', '*']);
    const e = p.rows.find((r) => r.code === 'E')!;
    expect(e.ja).toBe('E 製造業');
    expect(e.cells).toEqual([
      { count: null, suppressed: true, reason: 'secondary', reasonKind: 'secondary' },
      { count: null, suppressed: true, reason: 'min_count', reasonKind: 'primary' },
      { count: 0, suppressed: false },
      { count: 0, suppressed: false },
      { count: 12, suppressed: false },
    ]);
    expect(p.rows.at(-1)!.cells.at(-1)).toEqual({ count: 300, suppressed: false });
  });

  it("lists the sectors the release's tables have: the folded margin and tertiary on folded tables", () => {
    const folded = suppressionPattern([...cells, total('primary_secondary', '*', 40), total('tertiary', '*', 260)]);
    expect(folded.rows.filter((r) => r.level === 'sector').map((r) => [r.code, r.ja])).toEqual([
      ['primary_secondary', '第一次・第二次産業'],
      ['tertiary', '第三次産業'],
    ]);
    expect(folded.rows.find((r) => r.code === 'primary_secondary')!.cells.at(-1)).toEqual({ count: 40, suppressed: false });
  });

  it('counts the reasons over every table, primary first', () => {
    expect(suppressionReasonCounts(cells)).toEqual([
      { reason: 'min_count', reasonKind: 'primary', count: 1 },
      { reason: 'attribute', reasonKind: 'primary', count: 1 },
      { reason: 'secondary', reasonKind: 'secondary', count: 1 },
    ]);
  });
});
