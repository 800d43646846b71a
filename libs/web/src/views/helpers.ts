import type Handlebars from 'handlebars';
import { DEFAULT_LANG, isLang, type I18n, type Lang, type Vars } from '../i18n/i18n.js';

type HelperOptions = Handlebars.HelperOptions;

/** The page's language, set per request in res.locals (see page-locals.middleware.ts). */
function langOf(options: HelperOptions): Lang {
  const lang = (options.data?.root as { lang?: unknown } | undefined)?.lang;
  return isLang(lang) ? lang : DEFAULT_LANG;
}

/** Handlebars passes its options object last; the rest are the template's arguments. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  // What a person reads is Tokyo time, whatever the server's zone.
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'short', day: 'numeric' }),
};

export function registerHelpers(hbs: typeof Handlebars, i18n: I18n): void {
  /** {{t "login.title"}}, {{t key vars}} or {{t "x" name=value}}: a label in the page's language. */
  hbs.registerHelper('t', (...args: unknown[]) => {
    const { values, options } = split(args);
    const [key, vars] = values as [string, Vars | undefined];
    return i18n.t(langOf(options), String(key), { ...(vars ?? {}), ...(options.hash as Vars) });
  });

  /** {{codeLabel industry}}: the ja or en label of a reference code ({code, ja, en}). */
  hbs.registerHelper('codeLabel', (value: { ja?: string; en?: string } | undefined, options: HelperOptions) => {
    if (!value) return '';
    return value[langOf(options)] ?? value.ja ?? '';
  });

  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

  /** aria-describedby for a field: its hint and its error, when it has them; empty when neither. */
  hbs.registerHelper('describedby', (id: string, hint: unknown, error: unknown) => {
    return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  });

  hbs.registerHelper('concat', (...args: unknown[]) => split(args).values.map((v) => String(v ?? '')).join(''));

  hbs.registerHelper('date', (value: Date | string | null | undefined, options: HelperOptions) => {
    if (!value) return '';
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? '' : dateFormats[langOf(options)].format(date);
  });
}
