import highsExport from 'highs';
import type { Highs } from 'highs';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';

/**
 * An attacker's toolkit written apart from libs/disclosure, on purpose: it knows only what a reader
 * of GET /releases/:id/cells knows (the published cells and the code hierarchy) and tries to pin down
 * suppressed cells by subtraction and by linear programming.
 */
export interface PublicCell {
  population: string;
  industry: string;
  size_class: string;
  dimension: string;
  category: string;
  count: number | null;
}

const SINGLE_VALUED = new Set(['age_band', 'employment_type', 'tenure_band']);
const SIZES = SIZE_CLASSES.map((s) => s.code);

export const key = (c: { population: string; industry: string; size_class: string; dimension: string; category: string }) =>
  `${c.population}|${c.industry}|${c.size_class}|${c.dimension}|${c.category}`;

/**
 * Each sector margin of a release's tables and its divisions, as a reader sees them: releases on
 * the folded tables publish 'primary_secondary' (A–E) in place of JSIC's primary and secondary.
 */
export function sectorDivisions(cells: readonly { industry: string }[]): Map<string, string[]> {
  const folded = cells.some((c) => c.industry === 'primary_secondary');
  const sectors = new Map<string, string[]>();
  for (const i of INDUSTRIES) {
    const sector = folded && (i.sector === 'primary' || i.sector === 'secondary') ? 'primary_secondary' : i.sector;
    sectors.set(sector, [...(sectors.get(sector) ?? []), i.code]);
  }
  return sectors;
}

/** Every "parent = sum of children" relation among the employed cells of one release. */
export function additiveRelations(cells: PublicCell[]): { parent: string; children: string[] }[] {
  const relations: { parent: string; children: string[] }[] = [];
  const combos = new Set(cells.filter((c) => c.population === 'employed').map((c) => `${c.dimension}|${c.category}`));
  const divisionsOf = sectorDivisions(cells);
  const sectors = [...divisionsOf.keys()];
  const industries = ['*', ...sectors, ...INDUSTRIES.map((i) => i.code)];
  for (const combo of combos) {
    const [dimension, category] = combo.split('|') as [string, string];
    const k = (industry: string, size: string) => key({ population: 'employed', industry, size_class: size, dimension, category });
    for (const size of ['*', ...SIZES]) {
      for (const sector of sectors) {
        relations.push({ parent: k(sector, size), children: divisionsOf.get(sector)!.map((code) => k(code, size)) });
      }
      relations.push({ parent: k('*', size), children: sectors.map((s) => k(s, size)) });
    }
    for (const industry of industries) relations.push({ parent: k(industry, '*'), children: SIZES.map((s) => k(industry, s)) });
  }
  // single-valued dimensions: the scope's total is the sum of its categories
  const categoriesOf = new Map<string, string[]>();
  for (const c of cells) {
    if (!SINGLE_VALUED.has(c.dimension)) continue;
    const list = categoriesOf.get(c.dimension) ?? [];
    if (!list.includes(c.category)) list.push(c.category);
    categoriesOf.set(c.dimension, list);
  }
  for (const [dimension, categories] of categoriesOf) {
    for (const c of cells.filter((x) => x.dimension === 'total')) {
      relations.push({ parent: key(c), children: categories.map((category) => key({ ...c, dimension, category })) });
    }
  }
  return relations;
}

let highs: Promise<Highs> | undefined;
function loadHighs(): Promise<Highs> {
  const loader = (highsExport as unknown as { default?: () => Promise<Highs> }).default ?? (highsExport as unknown as () => Promise<Highs>);
  return (highs ??= loader());
}

/**
 * Interval attack on one release's employed tables: every suppressed cell is a variable ≥ 0, every
 * published cell a constant; additivity along both hierarchies and within single-valued dimensions,
 * and theme/channel cells ≤ their scope's total. Returns the narrowest [min, max] found per cell,
 * for up to `limit` suppressed cells (the smallest published neighbourhoods first would be smarter;
 * a sample is enough to catch a broken engine).
 */
export async function intervalAttack(cells: PublicCell[], limit = 60): Promise<{ cell: string; interval: [number, number] }[]> {
  const solver = await loadHighs();
  const value = new Map(cells.map((c) => [key(c), c.count]));
  const hidden = cells.filter((c) => c.population === 'employed' && c.count === null).map(key);
  if (hidden.length === 0) return [];
  const name = new Map(hidden.map((h, i) => [h, `x${i}`]));
  const rows: string[] = [];
  const term = (k: string) => (name.has(k) ? { v: name.get(k)!, c: 0 } : { v: '', c: value.get(k) ?? 0 });
  let r = 0;
  for (const rel of additiveRelations(cells)) {
    const all = [rel.parent, ...rel.children].map(term);
    if (all.every((t) => !t.v)) continue;
    // parent − Σ children = 0, constants moved to the right-hand side
    const [p, ...ch] = all;
    const lhs: string[] = [];
    let rhs = 0;
    if (p!.v) lhs.push(`+ ${p!.v}`);
    else rhs -= p!.c;
    for (const t of ch) {
      if (t.v) lhs.push(`- ${t.v}`);
      else rhs += t.c;
    }
    rows.push(` r${r++}: ${lhs.join(' ')} = ${rhs}`);
  }
  for (const c of cells.filter((x) => x.population === 'employed' && (x.dimension === 'theme' || x.dimension === 'channel'))) {
    const cellTerm = term(key(c));
    const total = term(key({ ...c, dimension: 'total', category: '*' }));
    if (!cellTerm.v && !total.v) continue;
    // cell ≤ total
    const lhs = [cellTerm.v ? `+ ${cellTerm.v}` : '', total.v ? `- ${total.v}` : ''].filter(Boolean).join(' ');
    rows.push(` r${r++}: ${lhs} <= ${(total.v ? 0 : total.c) - (cellTerm.v ? 0 : cellTerm.c)}`);
  }
  const bounds = hidden.map((h) => ` 0 <= ${name.get(h)} <= 1000000`).join('\n');
  const results: { cell: string; interval: [number, number] }[] = [];
  for (const h of hidden.slice(0, limit)) {
    const solve = (sense: 'Minimize' | 'Maximize') => {
      const lp = `${sense}\n obj: ${name.get(h)}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds}\nEnd`;
      const s = solver.solve(lp, { presolve: 'on' });
      if (s.Status !== 'Optimal') throw new Error(`attack LP ${s.Status}`);
      return s.ObjectiveValue;
    };
    results.push({ cell: h, interval: [solve('Minimize'), solve('Maximize')] });
  }
  return results;
}
