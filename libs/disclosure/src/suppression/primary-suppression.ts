import { type CellGrid, EMPLOYED_TYPES, type GridTruth } from '../grid/cell-grid.js';
import type { DisclosurePolicy } from '../policy.js';
import type { SuppressionReason } from '../types.js';

export type PrimaryReason = Extract<SuppressionReason, 'min_count' | 'min_employers' | 'employer_share' | 'attribute'>;

/**
 * The rule a non-zero cell breaks if it were published as `count`, or undefined. Employer figures
 * and scope totals come from the truth. Zeros are published as 0.
 */
export function primaryRuleBroken(
  grid: CellGrid,
  truth: GridTruth,
  policy: DisclosurePolicy,
  index: number,
  count: number = truth.count[index],
): PrimaryReason | undefined {
  if (count === 0) return undefined;
  // Fewer than k people: each is close to identifiable from what a colleague knows.
  if (count < policy.k) return 'min_count';
  if (grid.isEmployed(index)) {
    // One or two employers behind a figure would let an employer recognise its own staff.
    if (truth.employers[index] < policy.min_employers) return 'min_employers';
    if (truth.maxEmployerCount[index] > policy.max_employer_share * truth.count[index] + 1e-9) return 'employer_share';
  }
  if (attributeShared(grid, truth, policy, index)) return 'attribute';
  return undefined;
}

/** Everyone in a small scope shares the category: publishing it tells the attribute of each of them. */
export function attributeShared(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy, index: number): boolean {
  if (grid.columnOf(index) === 0) return false;
  const scopeTotal = truth.count[grid.scopeTotalOf(index)];
  return scopeTotal > 0 && truth.count[index] === scopeTotal && scopeTotal < policy.attribute_factor * policy.k;
}

const SINGLE_VALUED = new Set(['age_band', 'employment_type', 'tenure_band']);

/** Employer tables hold only employed clients: their other employment types are 0 by definition. */
function structurallyZero(grid: CellGrid, cell: number): boolean {
  const column = grid.columns[grid.columnOf(cell)]!;
  return grid.isEmployed(cell) && column.dimension === 'employment_type' && !EMPLOYED_TYPES.has(column.category);
}

/**
 * Primary suppression: each non-zero cell that breaks a rule, with the first rule it breaks.
 * Where a single-valued category is hidden because everyone in a small scope shares it, the zeros
 * of that dimension in that scope are hidden too: published zeros beside one hidden cell would say
 * just as plainly that the hidden one holds everybody.
 */
export function suppressPrimaryCells(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy): (PrimaryReason | undefined)[] {
  const reasons: (PrimaryReason | undefined)[] = new Array(grid.size);
  for (let i = 0; i < grid.size; i++) reasons[i] = primaryRuleBroken(grid, truth, policy, i);
  for (let i = 0; i < grid.size; i++) {
    const dimension = grid.columns[grid.columnOf(i)]!.dimension;
    if (reasons[i] !== 'attribute' || !SINGLE_VALUED.has(dimension)) continue;
    for (const column of grid.columnsOf(dimension)) {
      const cell = grid.cell(grid.scopeOf(i), column);
      if (truth.count[cell] === 0 && !structurallyZero(grid, cell)) reasons[cell] = 'attribute';
    }
  }
  return reasons;
}
