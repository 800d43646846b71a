import { chooseTableDesign, fiscalYearsSpanned, FOLDED_CLASSIFICATION, JSIC_CLASSIFICATION, sectorScopeOf, sectorScopesOf, tableDesignOf } from './classification.js';

const jsic = { sectorScopes: ['primary', 'secondary', 'tertiary'] };
const folded = { sectorScopes: ['primary_secondary', 'tertiary'] };

describe('table design', () => {
  it('builds on folded tables where nothing overlapping is published', () => {
    expect(chooseTableDesign([])).toBe('folded');
    expect(chooseTableDesign([folded])).toBe('folded');
    expect(chooseTableDesign([folded, folded])).toBe('folded');
  });

  it('keeps JSIC tables where an overlapping release was published on them (a fiscal year already begun)', () => {
    expect(chooseTableDesign([jsic])).toBe('jsic');
    expect(chooseTableDesign([folded, jsic])).toBe('jsic');
    // A JSIC release whose primary scope happened to hold nothing stored is still JSIC.
    expect(chooseTableDesign([{ sectorScopes: ['secondary', 'tertiary'] }])).toBe('jsic');
  });

  it('lets the overlapping releases decide, else those of the same fiscal year', () => {
    // A second quarter after a JSIC first quarter keeps JSIC, so the fiscal year can be built over both.
    expect(chooseTableDesign([], [jsic])).toBe('jsic');
    expect(chooseTableDesign([], [folded])).toBe('folded');
    // A rebuilt folded quarter in a year that also holds a JSIC one stays on its own tables.
    expect(chooseTableDesign([folded], [folded, jsic])).toBe('folded');
    expect(chooseTableDesign([jsic], [folded, jsic])).toBe('jsic');
  });

  it('spans the fiscal years (April to March) a period touches', () => {
    expect(fiscalYearsSpanned('2045-07-01', '2045-09-30')).toEqual({ start: '2045-04-01', end: '2046-03-31' });
    expect(fiscalYearsSpanned('2046-01-01', '2046-03-31')).toEqual({ start: '2045-04-01', end: '2046-03-31' });
    expect(fiscalYearsSpanned('2045-03-31', '2045-04-01')).toEqual({ start: '2044-04-01', end: '2046-03-31' });
  });

  it('reads a release as JSIC only by sector scopes that the folded tables lack', () => {
    // tertiary is in both designs; a release with no sector scope at all constrains nothing.
    expect(chooseTableDesign([{ sectorScopes: ['tertiary'] }])).toBe('folded');
    expect(chooseTableDesign([{ sectorScopes: [] }])).toBe('folded');
    expect(chooseTableDesign([{ sectorScopes: ['A', '*', 'primary_secondary', 'tertiary'] }])).toBe('folded');
  });

  it('folds A–E into primary_secondary and leaves F–T tertiary', () => {
    expect(FOLDED_CLASSIFICATION.industries.filter((i) => i.sector === 'primary_secondary').map((i) => i.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(FOLDED_CLASSIFICATION.industries.filter((i) => i.sector === 'tertiary')).toHaveLength(15);
    expect(sectorScopesOf('folded')).toEqual(['primary_secondary', 'tertiary']);
    expect(sectorScopesOf('jsic')).toEqual(['primary', 'secondary', 'tertiary']);
    expect(JSIC_CLASSIFICATION.industries.find((i) => i.code === 'A')!.sector).toBe('primary');
    expect([sectorScopeOf('folded', 'A'), sectorScopeOf('jsic', 'A'), sectorScopeOf('folded', 'Z')]).toEqual(['primary_secondary', 'primary', '*']);
  });

  it("reads a release's design from its cells", () => {
    expect(tableDesignOf([{ industry: 'A' }, { industry: 'primary_secondary' }])).toBe('folded');
    expect(tableDesignOf([{ industry: 'A' }, { industry: 'primary' }])).toBe('jsic');
  });
});
