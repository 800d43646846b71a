import { type DisclosedCell, type DisclosurePolicy, isDifferentiallyPrivate, privacyAccount } from '@hokenshitsu/disclosure';
import { JSIC_CLASSIFICATION, sectorScopeOf, type TableDesign, tableDesignOf } from '../releases/classification.js';
import { INDUSTRIES, SECTORS, SIZE_CLASSES, THEMES, type CodeLabel } from '@hokenshitsu/reference';

export type ScopeLevel = 'division_size' | 'division' | 'sector_size' | 'size' | 'all';

export interface DigestShare {
  code: string;
  ja: string;
  en: string;
  count: number;
  share: number;
  city_share: number | null;
}

export interface Digest {
  requested: { industry: string; size_class: string };
  scope: { level: ScopeLevel; industry: string; size_class: string; label_ja: string; label_en: string };
  clients: number;
  top_themes: DigestShare[];
  themes: DigestShare[];
  /** Themes whose figure is withheld in this scope (count not published). */
  withheld_themes: string[];
  dimensions: Record<'age_band' | 'employment_type' | 'tenure_band' | 'channel', { code: string; count: number | null; share: number | null }[]>;
  city: { clients: number | null; themes: { code: string; count: number | null; share: number | null }[] };
}

const TOP = 5;

type Index = Map<string, DisclosedCell>;

function key(population: string, industry: string, sizeClass: string, dimension: string, category: string): string {
  return `${population}|${industry}|${sizeClass}|${dimension}|${category}`;
}

export function indexCells(cells: DisclosedCell[]): Index {
  return new Map(cells.map((c) => [key(c.population, c.industry, c.sizeClass, c.dimension, c.category), c]));
}

/**
 * The scopes tried for a manager's (division, size class), most specific first. Her sector is the
 * one of the release's table design: on folded tables a manager in A–E falls back to
 * primary_secondary (第一次・第二次産業), never to a sector the release does not have.
 */
export function scopeChain(industry: string, sizeClass: string, design: TableDesign): { level: ScopeLevel; industry: string; sizeClass: string }[] {
  const sector = sectorScopeOf(design, industry);
  return [
    { level: 'division_size', industry, sizeClass },
    { level: 'division', industry, sizeClass: '*' },
    { level: 'sector_size', industry: sector, sizeClass },
    { level: 'size', industry: '*', sizeClass },
    { level: 'all', industry: '*', sizeClass: '*' },
  ];
}

function label(list: readonly CodeLabel[], code: string): CodeLabel | undefined {
  return list.find((x) => x.code === code);
}

function scopeLabels(industry: string, sizeClass: string): { ja: string; en: string } {
  const ind = industry === '*' ? { ja: '全産業', en: 'All industries' } : (label(INDUSTRIES, industry) ?? label(SECTORS, industry))!;
  const size = sizeClass === '*' ? { ja: '全規模', en: 'all sizes' } : label(SIZE_CLASSES, sizeClass)!;
  return { ja: `${ind.ja}・${size.ja}`, en: `${ind.en}, ${size.en}` };
}

/**
 * The smallest scope total a digest is drawn from: k clients, or, for noisy releases, four times
 * the noise's spread, so that the total is right to within about a quarter and the shares mean
 * something (choosing on the noisy total is post-processing: it costs no privacy).
 */
export function digestMinimumTotal(policy: DisclosurePolicy): number {
  if (!isDifferentiallyPrivate(policy)) return policy.k;
  // The noise's spread does not depend on the table design.
  return Math.max(policy.k, Math.ceil(4 * privacyAccount(JSIC_CLASSIFICATION, policy, []).noiseSd));
}

/**
 * The digest a manager sees: from the most specific scope whose total is published (and at least k,
 * so that shares are never taken over a tiny group) and that publishes some theme figure, built
 * only from published cells (pure).
 */
export function buildDigest(cells: DisclosedCell[], industry: string, sizeClass: string, minTotal: number): Digest | null {
  const index = indexCells(cells);
  const get = (pop: string, ind: string, size: string, dim: string, cat: string) => index.get(key(pop, ind, size, dim, cat));
  const publishable = scopeChain(industry, sizeClass, tableDesignOf(cells)).filter((s) => {
    const total = get('employed', s.industry, s.sizeClass, 'total', '*')?.count;
    return total !== null && total !== undefined && total >= minTotal;
  });
  // A scope whose every theme figure is withheld says nothing a manager came for: take the next
  // one that shows some (choosing on published cells only reveals nothing more).
  const showsThemes = (s: { industry: string; sizeClass: string }) =>
    THEMES.some((t) => (get('employed', s.industry, s.sizeClass, 'theme', t.code)?.count ?? 0) > 0);
  const scope = publishable.find(showsThemes) ?? publishable[0];
  if (!scope) return null;
  const clients = get('employed', scope.industry, scope.sizeClass, 'total', '*')!.count!;
  const cityTotal = get('all', '*', '*', 'total', '*')?.count ?? null;
  const share = (count: number | null | undefined, total: number | null) =>
    count === null || count === undefined || !total ? null : Math.round((count / total) * 1000) / 1000;

  const themes: DigestShare[] = [];
  const withheld: string[] = [];
  for (const theme of THEMES) {
    const cell = get('employed', scope.industry, scope.sizeClass, 'theme', theme.code);
    if (cell?.count === null) {
      withheld.push(theme.code);
      continue;
    }
    const count = cell?.count ?? 0;
    if (count === 0) continue;
    const city = get('all', '*', '*', 'theme', theme.code)?.count;
    themes.push({ code: theme.code, ja: theme.ja, en: theme.en, count, share: share(count, clients)!, city_share: share(city, cityTotal) });
  }
  themes.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

  const dimension = (dim: string) =>
    cells
      .filter((c) => c.population === 'employed' && c.industry === scope.industry && c.sizeClass === scope.sizeClass && c.dimension === dim)
      .map((c) => ({ code: c.category, count: c.count, share: share(c.count, clients) }));
  const labels = scopeLabels(scope.industry, scope.sizeClass);
  return {
    requested: { industry, size_class: sizeClass },
    scope: { level: scope.level, industry: scope.industry, size_class: scope.sizeClass, label_ja: labels.ja, label_en: labels.en },
    clients,
    top_themes: themes.slice(0, TOP),
    themes,
    withheld_themes: withheld,
    dimensions: {
      age_band: dimension('age_band'),
      employment_type: dimension('employment_type'),
      tenure_band: dimension('tenure_band'),
      channel: dimension('channel'),
    },
    city: {
      clients: cityTotal,
      themes: THEMES.map((t) => {
        const count = get('all', '*', '*', 'theme', t.code)?.count ?? 0;
        return { code: t.code, count, share: share(count, cityTotal) };
      }),
    },
  };
}
