import type { CategoryDimension, CellAggregate, CellRef, Classification, Dimension, Population, Sector } from '../types.js';

export const ALL = '*';
/** Every sector margin a classification may use, in the tables' order. */
export const SECTORS: readonly Sector[] = ['primary', 'primary_secondary', 'secondary', 'tertiary'];
export const CATEGORY_DIMENSIONS: readonly CategoryDimension[] = [
  'theme',
  'age_band',
  'employment_type',
  'tenure_band',
  'channel',
];
/** A client has one or more themes and channels; the other dimensions hold exactly one value. */
export const MULTI_VALUED: ReadonlySet<Dimension> = new Set<Dimension>(['theme', 'channel']);
/** The employed population is, by definition, these employment types. */
export const EMPLOYED_TYPES: ReadonlySet<string> = new Set(['regular', 'non_regular']);

export function cellKey(c: { population: string; industry: string; sizeClass: string; dimension: string; category: string }): string {
  return `${c.population}|${c.industry}|${c.sizeClass}|${c.dimension}|${c.category}`;
}

export interface GridColumn {
  dimension: Dimension;
  category: string;
}

export class InvalidAggregateError extends Error {
  readonly code = 'INVALID_AGGREGATE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAggregateError';
  }
}

/**
 * The publication grid. Cell index = scope * columns.length + column, where employed scopes are
 * industry x sizeClass (divisions, then sectors, then '*'; classes, then '*') and the last scope is
 * the city-wide 'all' scope. Column 0 is the scope total.
 */
export class CellGrid {
  readonly divisions: string[];
  /** The sector margins the classification's divisions fall in (a sector without divisions has no scope). */
  readonly sectors: Sector[];
  readonly industries: string[];
  readonly sizes: string[];
  readonly columns: GridColumn[];
  readonly employedScopes: number;
  readonly allScope: number;
  readonly size: number;
  readonly refs: CellRef[];
  private readonly keyIndex = new Map<string, number>();
  private readonly industryIndex = new Map<string, number>();
  private readonly sizeIndex = new Map<string, number>();

  constructor(readonly classification: Classification) {
    this.divisions = classification.industries.map((i) => i.code);
    const used = new Set(classification.industries.map((i) => i.sector));
    this.sectors = SECTORS.filter((sector) => used.has(sector));
    this.industries = [...this.divisions, ...this.sectors, ALL];
    this.sizes = [...classification.sizeClasses, ALL];
    this.columns = [{ dimension: 'total', category: ALL }];
    for (const dimension of CATEGORY_DIMENSIONS) {
      for (const category of classification.categories[dimension]) this.columns.push({ dimension, category });
    }
    this.industries.forEach((code, i) => this.industryIndex.set(code, i));
    this.sizes.forEach((code, i) => this.sizeIndex.set(code, i));
    this.employedScopes = this.industries.length * this.sizes.length;
    this.allScope = this.employedScopes;
    this.size = (this.employedScopes + 1) * this.columns.length;
    this.refs = new Array<CellRef>(this.size);
    for (let scope = 0; scope <= this.employedScopes; scope++) {
      const population: Population = scope === this.allScope ? 'all' : 'employed';
      const industry = scope === this.allScope ? ALL : this.industries[Math.floor(scope / this.sizes.length)];
      const sizeClass = scope === this.allScope ? ALL : this.sizes[scope % this.sizes.length];
      this.columns.forEach((col, c) => {
        const ref: CellRef = { population, industry, sizeClass, dimension: col.dimension, category: col.category };
        const index = scope * this.columns.length + c;
        this.refs[index] = ref;
        this.keyIndex.set(cellKey(ref), index);
      });
    }
  }

  get columnCount(): number {
    return this.columns.length;
  }

  indexOf(ref: { population: string; industry: string; sizeClass: string; dimension: string; category: string }): number | undefined {
    return this.keyIndex.get(cellKey(ref));
  }

  employedScope(industry: string, sizeClass: string): number {
    const i = this.industryIndex.get(industry);
    const s = this.sizeIndex.get(sizeClass);
    if (i === undefined || s === undefined) throw new InvalidAggregateError(`unknown scope ${industry} x ${sizeClass}`);
    return i * this.sizes.length + s;
  }

  cell(scope: number, column: number): number {
    return scope * this.columns.length + column;
  }

  scopeOf(index: number): number {
    return Math.floor(index / this.columns.length);
  }

  columnOf(index: number): number {
    return index % this.columns.length;
  }

  /** The total cell of the scope the cell belongs to. */
  scopeTotalOf(index: number): number {
    return this.scopeOf(index) * this.columns.length;
  }

  isEmployed(index: number): boolean {
    return this.scopeOf(index) !== this.allScope;
  }

  /** Column indices per category dimension, in classification order. */
  columnsOf(dimension: Dimension): number[] {
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.dimension === dimension) out.push(i);
    });
    return out;
  }

  sectorOf(division: string): Sector | undefined {
    return this.classification.industries.find((i) => i.code === division)?.sector;
  }
}

/** The true counts and employer figures of one release, indexed like the grid. */
export interface GridTruth {
  count: Float64Array;
  employers: Float64Array;
  maxEmployerCount: Float64Array;
}

export function truthFromAggregates(grid: CellGrid, aggregates: readonly CellAggregate[]): GridTruth {
  const truth: GridTruth = {
    count: new Float64Array(grid.size),
    employers: new Float64Array(grid.size),
    maxEmployerCount: new Float64Array(grid.size),
  };
  const seen = new Uint8Array(grid.size);
  for (const a of aggregates) {
    const index = grid.indexOf(a);
    if (index === undefined) throw new InvalidAggregateError(`aggregate outside the grid: ${cellKey(a)}`);
    if (seen[index]) throw new InvalidAggregateError(`duplicate aggregate: ${cellKey(a)}`);
    if (!Number.isInteger(a.count) || a.count < 0) throw new InvalidAggregateError(`bad count for ${cellKey(a)}`);
    seen[index] = 1;
    truth.count[index] = a.count;
    truth.employers[index] = a.employers;
    truth.maxEmployerCount[index] = a.maxEmployerCount;
  }
  return truth;
}
