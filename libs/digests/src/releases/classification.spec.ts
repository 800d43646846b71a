import { chooseTableDesign, FOLDED_CLASSIFICATION, JSIC_CLASSIFICATION, sectorScopeOf, sectorScopesOf, tableDesignOf } from './classification.js';

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
