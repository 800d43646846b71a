import { tokyoDate } from '@hokenshitsu/core';

/** Dates as a Japanese clerk's Excel reads them: 2026/11/29 (Tokyo). */
export function csvDate(value: Date | string | null): string {
  if (value === null) return '';
  const iso = value instanceof Date ? tokyoDate(value) : value.slice(0, 10);
  return iso.replace(/-/g, '/');
}

/** 2026/11/29 14:05 (Tokyo), for the ledger's moments. */
export function csvDateTime(value: Date): string {
  const tokyo = new Date(value.getTime() + 9 * 3600_000).toISOString();
  return `${tokyo.slice(0, 10).replace(/-/g, '/')} ${tokyo.slice(11, 16)}`;
}

/** Amounts as plain integers (no separators, no yen sign) so that Excel sums them. */
export function csvYen(value: string | bigint | null): string {
  return value === null ? '' : BigInt(value).toString();
}
