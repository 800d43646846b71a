import { ALL, CATEGORY_DIMENSIONS, type CellGrid, EMPLOYED_TYPES, MULTI_VALUED } from './cell-grid.js';

// What an attacker knows about any table of this grid, whatever is published: the linear
// relations between cells. Rows are homogeneous (right-hand side 0) over variable ids; a release
// occupies ids offset .. offset + grid.size - 1.
export const EQ = 0;
export const LE = 1;
export const GE = 2;
export type RowType = typeof EQ | typeof LE | typeof GE;

export class LinearSystem {
  readonly starts: number[] = [0];
  readonly vars: number[] = [];
  readonly coefs: number[] = [];
  readonly types: RowType[] = [];

  get rowCount(): number {
    return this.types.length;
  }

  addRow(vars: readonly number[], coefs: readonly number[], type: RowType): void {
    for (let i = 0; i < vars.length; i++) {
      this.vars.push(vars[i]);
      this.coefs.push(coefs[i]);
    }
    this.starts.push(this.vars.length);
    this.types.push(type);
  }

  /** parent - sum(children) (type) 0 */
  addSum(parent: number, children: readonly number[], type: RowType): void {
    this.addRow([parent, ...children], [1, ...children.map(() => -1)], type);
  }
}

/** Facts about the data the attacker may rely on; each is switched off when the truth breaks it. */
export interface SystemKnowledge {
  /** every client has at least one theme, so the theme cells of a scope sum to >= its total */
  everyClientHasTheme: boolean;
  everyClientHasChannel: boolean;
  /** the employed population is exactly the regular and non-regular employment types */
  employedByType: boolean;
}

export const FULL_KNOWLEDGE: SystemKnowledge = { everyClientHasTheme: true, everyClientHasChannel: true, employedByType: true };

/** Adds the relations inside one release's grid. */
export function addGridRows(system: LinearSystem, grid: CellGrid, offset: number, knowledge: SystemKnowledge): void {
  const nS = grid.sizes.length;
  const scopeOf = (industry: number, size: number) => industry * nS + size;
  const v = (scope: number, column: number) => offset + grid.cell(scope, column);
  const divisionsBySector = grid.sectors.map((sector) =>
    grid.classification.industries.map((d, i) => (d.sector === sector ? i : -1)).filter((i) => i >= 0),
  );
  const sectorIndex = (s: number) => grid.divisions.length + s;
  const allIndustry = grid.industries.length - 1;
  const allSize = nS - 1;

  // Additivity along the hierarchies: division -> sector -> '*', size class -> '*'.
  for (let c = 0; c < grid.columnCount; c++) {
    for (let s = 0; s < nS; s++) {
      grid.sectors.forEach((_, si) => {
        system.addSum(v(scopeOf(sectorIndex(si), s), c), divisionsBySector[si].map((d) => v(scopeOf(d, s), c)), EQ);
      });
      system.addSum(v(scopeOf(allIndustry, s), c), grid.sectors.map((_, si) => v(scopeOf(sectorIndex(si), s), c)), EQ);
    }
    for (let i = 0; i < grid.industries.length; i++) {
      const classes = grid.sizes.slice(0, allSize).map((_, s) => v(scopeOf(i, s), c));
      system.addSum(v(scopeOf(i, allSize), c), classes, EQ);
    }
  }

  // Inside a scope: single-valued dimensions partition the total; each client has >= 1 theme and channel.
  for (let scope = 0; scope <= grid.allScope; scope++) {
    const total = v(scope, 0);
    for (const dimension of CATEGORY_DIMENSIONS) {
      const cols = grid.columnsOf(dimension);
      if (cols.length === 0) continue;
      if (!MULTI_VALUED.has(dimension)) {
        system.addSum(total, cols.map((c) => v(scope, c)), EQ);
        continue;
      }
      for (const c of cols) system.addRow([v(scope, c), total], [1, -1], LE);
      const atLeastOne = dimension === 'theme' ? knowledge.everyClientHasTheme : knowledge.everyClientHasChannel;
      if (atLeastOne) system.addRow([...cols.map((c) => v(scope, c)), total], [...cols.map(() => 1), -1], GE);
    }
  }

  // City-wide figures count everyone, the employed among them: all >= employed('*','*').
  const employedAll = scopeOf(allIndustry, allSize);
  grid.columns.forEach((col, c) => {
    const definitional = knowledge.employedByType && col.dimension === 'employment_type' && EMPLOYED_TYPES.has(col.category);
    system.addRow([v(grid.allScope, c), v(employedAll, c)], [1, -1], definitional ? EQ : GE);
  });
}

/**
 * Relations between two releases whose periods nest (inner inside outer). Everyone counted in
 * the inner release is counted city-wide in the outer one, with a superset of themes and channels.
 * When both end on the same day each client's latest consultation is the same one, so every
 * cell of the outer release is at least the inner one.
 */
export function addNestingRows(
  system: LinearSystem,
  grid: CellGrid,
  innerOffset: number,
  outerOffset: number,
  sameEnd: boolean,
): void {
  for (let index = 0; index < grid.size; index++) {
    const ref = grid.refs[index];
    const monotone =
      sameEnd || (ref.population === 'all' && (ref.dimension === 'total' || MULTI_VALUED.has(ref.dimension)));
    if (monotone) system.addRow([outerOffset + index, innerOffset + index], [1, -1], GE);
  }
}

/** The hidden count of non-employed clients behind each city-wide cell: all - employed('*','*'). */
export function remainderPairs(grid: CellGrid): { all: number; employed: number }[] {
  const employedAll = grid.employedScope(ALL, ALL);
  return grid.columns.map((_, c) => ({ all: grid.cell(grid.allScope, c), employed: grid.cell(employedAll, c) }));
}

/** Row activity at a point; used to validate aggregates against the relations. */
export function rowActivity(system: LinearSystem, row: number, value: (v: number) => number): number {
  let sum = 0;
  for (let p = system.starts[row]; p < system.starts[row + 1]; p++) sum += system.coefs[p] * value(system.vars[p]);
  return sum;
}

export function rowHolds(system: LinearSystem, row: number, value: (v: number) => number): boolean {
  const a = rowActivity(system, row, value);
  const t = system.types[row];
  return t === EQ ? Math.abs(a) < 1e-9 : t === LE ? a <= 1e-9 : a >= -1e-9;
}
