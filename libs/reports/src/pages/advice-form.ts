import type { FieldError } from '@hokenshitsu/core';
import { THEMES } from '@hokenshitsu/reference';
import { field, FormErrorBuilder, wholeNumber, type I18n, type Lang } from '@hokenshitsu/web';
import { ADVICE_MAX_LENGTH } from '../advice/advice.service.js';
import type { AdviceEntry } from '../content/report-input.js';

export const ADVICE_FORM = 'reports.advice';

/** One textarea per theme and language, named `ja_<theme>` / `en_<theme>` (also their ids). */
export const adviceField = (theme: string, lang: Lang) => `${lang}_${theme}`;

/** The summary lists mistakes in the page's order: theme by theme, Japanese then English. */
export const ADVICE_FIELDS = ['version', ...THEMES.flatMap((t) => [adviceField(t.code, 'ja'), adviceField(t.code, 'en')])];

/** What the editor posts, as SaveAdviceDto's plain shape: every theme, in THEMES order (so `entries[i]` is THEMES[i]). */
export function readAdviceForm(body: Record<string, unknown>): { version: number | string; entries: AdviceEntry[] } {
  return {
    version: wholeNumber(field(body, 'version')),
    entries: THEMES.map((t) => ({ theme: t.code, ja: field(body, adviceField(t.code, 'ja')), en: field(body, adviceField(t.code, 'en')) })),
  };
}

/** The entries as the editor shows them, one per theme, whatever the version left out. */
export function adviceFormValues(entries: readonly AdviceEntry[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const t of THEMES) {
    const entry = entries.find((e) => e.theme === t.code);
    values[adviceField(t.code, 'ja')] = entry?.ja ?? '';
    values[adviceField(t.code, 'en')] = entry?.en ?? '';
  }
  return values;
}

/**
 * AdviceService's refusals (`entries[3].en`: "is required", "too long") beside their textareas,
 * naming the theme in the page's language: the form posts every theme in THEMES order.
 */
export function addEntryErrors(errors: FormErrorBuilder, fields: FieldError[], i18n: I18n, lang: Lang, index: (i: number) => number = (i) => i): void {
  for (const f of fields) {
    const match = /^entries\[(\d+)\]\.(ja|en|theme)$/.exec(f.field);
    const theme = match ? THEMES[index(Number(match[1]))] : undefined;
    if (!match || !theme) continue;
    const lang2 = match[2] === 'en' ? 'en' : 'ja';
    const reason = f.message === 'too long' ? 'tooLong' : 'required';
    errors.addKey(adviceField(theme.code, lang2), `${ADVICE_FORM}.errors.${reason}`, {
      theme: theme[lang],
      language: i18n.t(lang, `reports.languages.${lang2}`),
      max: ADVICE_MAX_LENGTH,
    });
  }
}
