import type { I18n, Lang } from '@hokenshitsu/web';

/** 75,000円 / ¥75,000: yen as she reads them (bigint or number, never rounded). */
export function yenText(value: bigint | number | string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const digits = BigInt(value).toLocaleString('en');
  return lang === 'ja' ? `${digits}円` : `¥${digits}`;
}

/** 2026-11-29 14:05 in Tokyo, whatever the server's zone (the audit trail's "when"). */
export function tokyoMinute(value: Date | string): string {
  const instant = value instanceof Date ? value : new Date(value);
  return new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A field's value as the review page shows it (labels for codes, yen for money, はい/いいえ). */
export function fieldText(i18n: I18n, lang: Lang, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'target') return i18n.t(lang, `subsidies.target.${String(value)}`);
  if (field === 'sme_category') return i18n.t(lang, `subsidies.sme.${String(value)}`);
  if (field === 'no_other_subsidy') return i18n.t(lang, value === true ? 'subsidyStaff.yes' : 'subsidyStaff.no');
  if (field.endsWith('_yen')) return yenText(String(value), lang);
  return String(value);
}
