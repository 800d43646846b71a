import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];
/** Japanese unless the person chose English: the portal serves a Japanese city. */
export const DEFAULT_LANG: Lang = 'ja';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

type Catalogue = Record<string, string>;
export type Vars = Record<string, string | number | undefined>;

/** Flattens {"login": {"title": "…"}} into {"login.title": "…"} so a lookup is one map access. */
function flatten(tree: Record<string, unknown>, prefix = '', out: Catalogue = {}): Catalogue {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else if (value && typeof value === 'object') flatten(value as Record<string, unknown>, path, out);
  }
  return out;
}

/**
 * The page labels of templates/locales/{ja,en}.json plus one file per domain (`<domain>.{ja,en}.json`,
 * so each domain's pages own their labels); a key missing in English falls back to Japanese.
 */
export class I18n {
  private readonly catalogues: Record<Lang, Catalogue>;

  constructor(localesDir: string) {
    const files = readdirSync(localesDir).sort();
    const load = (lang: Lang) =>
      Object.assign(
        {},
        ...files
          .filter((f) => f === `${lang}.json` || f.endsWith(`.${lang}.json`))
          .map((f) => flatten(JSON.parse(readFileSync(join(localesDir, f), 'utf8')))),
      ) as Catalogue;
    this.catalogues = { ja: load('ja'), en: load('en') };
  }

  has(key: string): boolean {
    return key in this.catalogues.ja;
  }

  /** `{name}` placeholders are filled from vars; the result is plain text (the template escapes it). */
  t(lang: Lang, key: string, vars: Vars = {}): string {
    const text = this.catalogues[lang][key] ?? this.catalogues[DEFAULT_LANG][key];
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
  }
}
