import type { CellGrid, GridTruth } from '../grid/cell-grid.js';
import type { ReleaseContext } from '../grid/release-context.js';
import type { DisclosurePolicy } from '../policy.js';

// What hiding a cell costs, for the two places that choose what to hide: the pattern program
// (minimum-pattern.ts) and the protection LP's certificates (protection-lp.ts). Both keep the
// city-wide figures with the same weight.

/** City-wide figures, above all the total and the themes, are the last to hide. */
export function cityWideWeight(grid: CellGrid, cell: number): number {
  if (grid.isEmployed(cell)) return 1;
  const dimension = grid.refs[cell].dimension;
  return dimension === 'total' || dimension === 'theme' ? 10_000 : 100;
}

/**
 * What hiding a cell loses, for the program: a cell of 3k or more costs as much as many small ones
 * (the promise to managers is that the big figures stay), a small cell one more than its count (so
 * that the themes of a manager's own small scope are not all given up for little: with a hundredth
 * of its count instead, the browser suite's 500-client year gave a manager a digest scope without
 * a single theme figure), and
 * city-wide figures, above all the total and the themes, are kept whenever any pattern allows.
 */
export function patternCosts(grid: CellGrid, truth: GridTruth, policy: DisclosurePolicy): Float64Array {
  const cost = new Float64Array(grid.size);
  for (let i = 0; i < grid.size; i++) {
    const x = truth.count[i];
    cost[i] = (x >= 3 * policy.k ? 1000 + x : 1 + x) * cityWideWeight(grid, i);
  }
  return cost;
}

/**
 * Cost of moving (hence suppressing) a cell, per unit: information lost grows with its count; big
 * cells, city-wide cells and above all the city-wide total and theme figures are kept published
 * whenever any cheaper pattern exists. (A cell hidden in a nested earlier release gets no discount:
 * a quarter's small cell is often a big one in the year.)
 */
export function suppressionCosts(
  ctx: ReleaseContext,
  truth: GridTruth,
  policy: DisclosurePolicy,
): Float64Array {
  const { grid } = ctx;
  const cost = new Float64Array(grid.size);
  for (let i = 0; i < grid.size; i++) {
    const x = truth.count[i];
    cost[i] = (1 + x) * (x >= 3 * policy.k ? 100 : 1) * cityWideWeight(grid, i);
  }
  return cost;
}
