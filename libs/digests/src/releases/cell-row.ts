import type { CellRef, Dimension, Population } from '@hokenshitsu/disclosure';

/** A cell's address as SQL returns it (snake_case), for both the aggregates and the stored cells. */
export interface CellRow {
  population: Population;
  industry: string;
  size_class: string;
  dimension: Dimension;
  category: string;
}

export function cellRefFromRow(r: CellRow): CellRef {
  return { population: r.population, industry: r.industry, sizeClass: r.size_class, dimension: r.dimension, category: r.category };
}
