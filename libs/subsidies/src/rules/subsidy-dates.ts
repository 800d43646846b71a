/** Calendar rules on ISO dates (YYYY-MM-DD), pure and independent of the process's time zone. */

export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** 年度: April to March; 2026-03-31 belongs to fiscal year 2025. */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
}

export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/** 実績報告の期限: N days after the planned period ends, or the fixed date, whichever is earlier. */
export function reportDueOn(periodEnd: string, dueDays: number, fixedDueOn: string | null): string {
  const byDays = addDays(periodEnd, dueDays);
  return fixedDueOn && fixedDueOn < byDays ? fixedDueOn : byDays;
}

/** The last day on which an approved application may still be withdrawn (the decision's Tokyo date + N days). */
export function withdrawalLastDay(decidedOn: string, withdrawalDays: number): string {
  return addDays(decidedOn, withdrawalDays);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
