import type { Digest } from '@hokenshitsu/digests';
import { AGE_BANDS, CHANNELS, type CodeLabel, EMPLOYMENT_TYPES, TENURE_BANDS } from '@hokenshitsu/reference';
import { percent } from './report-format.js';
import type { ReportLocale } from './report-input.js';
import { fill, type ReportStrings } from './report-strings.js';

type DimensionName = keyof Digest['dimensions'];
type DimensionEntry = Digest['dimensions'][DimensionName][number];

export interface DimensionRow {
  label: string;
  share: string;
  withheld: boolean;
}

export interface DimensionView {
  id: string;
  heading: string;
  rows: DimensionRow[];
  /** Nothing published for this dimension in the scope. */
  empty: boolean;
}

const DIMENSIONS: readonly { name: DimensionName; codes: readonly CodeLabel[] }[] = [
  { name: 'age_band', codes: AGE_BANDS },
  { name: 'employment_type', codes: EMPLOYMENT_TYPES },
  { name: 'tenure_band', codes: TENURE_BANDS },
  { name: 'channel', codes: CHANNELS },
];

/** The entries in their code list's order (the cells come in no promised order), unknown codes last. */
function inCodeOrder(entries: readonly DimensionEntry[], codes: readonly CodeLabel[]): DimensionEntry[] {
  const rank = (code: string) => {
    const i = codes.findIndex((c) => c.code === code);
    return i === -1 ? codes.length : i;
  };
  return [...entries].sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** A withheld count (null) is shown as "—" even if a share were somehow present: it never reads as 0. */
function row(entry: DimensionEntry, codes: readonly CodeLabel[], locale: ReportLocale, s: ReportStrings): DimensionRow {
  const label = codes.find((c) => c.code === entry.code)?.[locale] ?? entry.code;
  const withheld = entry.count === null || entry.share === null;
  return { label, share: withheld ? '—' : percent(entry.share, s), withheld };
}

export function dimensionViews(digest: Digest, locale: ReportLocale, s: ReportStrings): DimensionView[] {
  return DIMENSIONS.map(({ name, codes }) => {
    const rows = inCodeOrder(digest.dimensions[name], codes).map((e) => row(e, codes, locale, s));
    return { id: `dimension-${name.replace('_', '-')}`, heading: s.people[name], rows, empty: rows.length === 0 };
  });
}

const ONLINE_CHANNELS = ['online', 'web_form'] as const;
/** The code list's English labels are headings ("Online"); inside a sentence they read better as phrases. */
const EN_CHANNEL_IN_SENTENCE: Record<(typeof ONLINE_CHANNELS)[number], string> = { online: 'online consultation', web_form: 'the web consultation form' };

/**
 * The web/online demand sentence: each channel's own share, not their sum, since one person may use
 * both (a sum could pass 100 % of nobody in particular). Null when neither share is published.
 */
export function onlineDemandSentence(digest: Digest, locale: ReportLocale, s: ReportStrings): string | null {
  const parts = ONLINE_CHANNELS.flatMap((code) => {
    const entry = digest.dimensions.channel.find((c) => c.code === code);
    if (!entry || entry.count === null || entry.share === null || entry.count === 0) return [];
    const channel = locale === 'ja' ? CHANNELS.find((c) => c.code === code)!.ja : EN_CHANNEL_IN_SENTENCE[code];
    return [fill(s.people.onlinePart, { channel, share: percent(entry.share, s) })];
  });
  return parts.length === 0 ? null : fill(s.people.online, { parts: parts.join(s.people.onlineJoin) });
}
