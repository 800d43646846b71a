/**
 * The city's reporting periods: the Japanese fiscal year (年度) runs from 1 April to 31 March, so
 * FY2025 is 2025-04-01 to 2026-03-31; its halves (上半期, 下半期) and quarters (四半期: Q1 April to
 * June … Q4 January to March of the next calendar year). A preset is written `2025-q1`, `2025-h2`,
 * `2025-fy`: what the build form's select sends, with or without script.
 */
export const PERIOD_KINDS = ['fy', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface FiscalPeriod {
  preset: string;
  fiscalYear: number;
  kind: PeriodKind;
  start: string;
  end: string;
  label: { ja: string; en: string };
}

/** [first month, last month] counted from April (0 = April … 11 = March). */
const SPANS: Record<PeriodKind, [number, number]> = { fy: [0, 11], h1: [0, 5], h2: [6, 11], q1: [0, 2], q2: [3, 5], q3: [6, 8], q4: [9, 11] };

const NAMES: Record<PeriodKind, { ja: string; en: string }> = {
  fy: { ja: '', en: '' },
  h1: { ja: '上半期', en: 'H1' },
  h2: { ja: '下半期', en: 'H2' },
  q1: { ja: '第1四半期', en: 'Q1' },
  q2: { ja: '第2四半期', en: 'Q2' },
  q3: { ja: '第3四半期', en: 'Q3' },
  q4: { ja: '第4四半期', en: 'Q4' },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar year and month (1–12) of the nth month of a fiscal year (0 = April). */
function month(fiscalYear: number, n: number): { year: number; month: number } {
  const m = 4 + n;
  return m > 12 ? { year: fiscalYear + 1, month: m - 12 } : { year: fiscalYear, month: m };
}

function lastDay(year: number, monthOneBased: number): number {
  return new Date(Date.UTC(year, monthOneBased, 0)).getUTCDate();
}

export function fiscalPeriod(fiscalYear: number, kind: PeriodKind): FiscalPeriod {
  const [from, to] = SPANS[kind];
  const first = month(fiscalYear, from);
  const last = month(fiscalYear, to);
  const name = NAMES[kind];
  return {
    preset: `${fiscalYear}-${kind}`,
    fiscalYear,
    kind,
    start: `${first.year}-${pad(first.month)}-01`,
    end: `${last.year}-${pad(last.month)}-${pad(lastDay(last.year, last.month))}`,
    label: {
      ja: name.ja ? `${fiscalYear}年度 ${name.ja}` : `${fiscalYear}年度`,
      en: name.en ? `FY${fiscalYear} ${name.en}` : `FY${fiscalYear}`,
    },
  };
}

/** `2025-q1` as its period; undefined for anything else (the form then refuses the field). */
export function parsePreset(value: string): FiscalPeriod | undefined {
  const match = /^(\d{4})-(fy|h1|h2|q1|q2|q3|q4)$/.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2099) return undefined;
  return fiscalPeriod(year, match[2] as PeriodKind);
}

/** The fiscal year a date (YYYY-MM-DD) falls in. */
export function fiscalYearOf(isoDate: string): number {
  const [year, monthOneBased] = isoDate.split('-').map(Number) as [number, number];
  return monthOneBased >= 4 ? year : year - 1;
}

/**
 * The presets the form offers, newest first: every fiscal year that holds consultations, and the
 * current one and the one before (a new year may hold none yet).
 */
export function presetChoices(todayIso: string, yearsOnRecord: readonly number[] = []): { fiscalYear: number; periods: FiscalPeriod[] }[] {
  const current = fiscalYearOf(todayIso);
  const offered = [...new Set([current, current - 1, ...yearsOnRecord])].sort((a, b) => b - a);
  return offered.map((fy) => ({ fiscalYear: fy, periods: PERIOD_KINDS.map((k) => fiscalPeriod(fy, k)) }));
}
