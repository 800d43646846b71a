// Test data for the disclosure specs: the reference code lists and a seeded generator of a year of
// consultations shaped like the city's (skewed industries, small firms, a few big employers).
// Randomness here is injected through the seed; nothing in the engine uses it.
import { foldPrimarySector } from './grid/table-design.js';
import type { Classification, ClientRecord } from './types.js';

export const CLASSIFICATION: Classification = {
  industries: [
    { code: 'A', sector: 'primary' },
    { code: 'B', sector: 'primary' },
    { code: 'C', sector: 'secondary' },
    { code: 'D', sector: 'secondary' },
    { code: 'E', sector: 'secondary' },
    ...['F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T'].map((code) => ({ code, sector: 'tertiary' as const })),
  ],
  sizeClasses: ['1-19', '20-99', '100-299', '300+'],
  categories: {
    theme: [
      'startup',
      'side_job',
      'career_change',
      'second_career',
      'reskilling',
      'promotion',
      'working_conditions',
      'workplace_relations',
      'harassment',
      'childcare_balance',
      'return_to_work',
      'caregiving',
      'health',
      'self_understanding',
      'work_life_balance',
    ],
    age_band: ['-19', '20-29', '30-39', '40-49', '50-59', '60+'],
    employment_type: ['regular', 'non_regular', 'self_employed', 'executive', 'not_working'],
    tenure_band: ['lt1', '1-3', '3-10', '10+', 'na'],
    channel: ['in_person', 'online', 'phone', 'web_form', 'branch_booth'],
  },
};

/** The same code lists on the folded tables (primary and secondary sectors as one margin). */
export const FOLDED_CLASSIFICATION: Classification = foldPrimarySector(CLASSIFICATION);

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rnd() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

const INDUSTRY_WEIGHTS = [1, 0.3, 0.1, 5, 12, 0.5, 4, 5, 16, 3, 2, 3, 8, 4, 6, 18, 0.7, 6, 3, 2];
const SIZE_WEIGHTS = [4, 3, 2, 3];
const THEME_WEIGHTS = [2, 3, 10, 3, 6, 3, 8, 9, 3, 5, 3, 2, 6, 5, 7];
const AGE_WEIGHTS = [0.3, 5, 8, 8, 5, 2];
const EMPLOYMENT_WEIGHTS = [45, 25, 8, 4, 18];
const CHANNEL_WEIGHTS = [6, 5, 2, 3, 1];

export interface Consultation {
  clientId: number;
  /** ISO date */
  heldOn: string;
  record: ClientRecord;
}

export interface YearOptions {
  clients: number;
  /** first day of the fiscal year */
  year?: number;
  /** share of clients who come back later in the year */
  returning?: number;
  /** weights of the divisions A..T (default: skewed like the city's) */
  industryWeights?: readonly number[];
}

/** A fiscal year (April to March) of consultations; some clients return with new themes. */
export function generateYear(seed: number, options: YearOptions): Consultation[] {
  const rnd = mulberry32(seed);
  const year = options.year ?? 2025;
  const cls = CLASSIFICATION;
  const employersByScope = new Map<string, string[]>();
  const employerFor = (industry: string, size: string) => {
    const key = `${industry}|${size}`;
    let pool = employersByScope.get(key);
    if (!pool) {
      // a bigger city has more employers in every band
      const scale = options.clients / 1000;
      const n = Math.round(size === '1-19' ? 40 + 20 * scale : size === '20-99' ? 15 + 5 * scale : size === '100-299' ? 6 + 2 * scale : 3 + scale);
      pool = Array.from({ length: n }, (_, i) => `${key}#${i}`);
      employersByScope.set(key, pool);
    }
    // Zipf-like: a few employers send most of the clients.
    return pool[Math.min(pool.length - 1, Math.floor(pool.length * rnd() ** 2.5))];
  };
  const out: Consultation[] = [];
  for (let id = 0; id < options.clients; id++) {
    const industry = pick(rnd, cls.industries.map((i) => i.code), options.industryWeights ?? INDUSTRY_WEIGHTS);
    const employmentType = pick(rnd, cls.categories.employment_type, EMPLOYMENT_WEIGHTS);
    const employed = employmentType === 'regular' || employmentType === 'non_regular';
    const sizeClass = employed ? pick(rnd, cls.sizeClasses, SIZE_WEIGHTS) : null;
    const visits = rnd() < (options.returning ?? 0.25) ? 2 : 1;
    let day = Math.floor(rnd() * 365);
    for (let v = 0; v < visits; v++) {
      const themes = new Set<string>();
      const nThemes = 1 + Math.floor(rnd() * rnd() * 3);
      while (themes.size < nThemes) themes.add(pick(rnd, cls.categories.theme, THEME_WEIGHTS));
      const record: ClientRecord = {
        industry,
        sizeClass,
        employed,
        employerHmac: employed && rnd() < 0.97 ? employerFor(industry, sizeClass!) : null,
        themes: [...themes],
        channels: [pick(rnd, cls.categories.channel, CHANNEL_WEIGHTS)],
        ageBand: pick(rnd, cls.categories.age_band, AGE_WEIGHTS),
        employmentType,
        tenureBand: employed ? pick(rnd, ['lt1', '1-3', '3-10', '10+'], [2, 3, 4, 3]) : 'na',
      };
      out.push({ clientId: id, heldOn: isoDay(year, day), record });
      day = Math.min(364, day + 1 + Math.floor(rnd() * 120));
    }
  }
  return out;
}

function isoDay(fiscalYear: number, dayOfYear: number): string {
  const d = new Date(Date.UTC(fiscalYear, 3, 1) + dayOfYear * 86400000);
  return d.toISOString().slice(0, 10);
}

/**
 * One record per client seen in the period: scope and single-valued attributes from her latest
 * consultation there, themes and channels the union over the period.
 */
export function clientsInPeriod(consultations: readonly Consultation[], start: string, end: string): ClientRecord[] {
  const latest = new Map<number, { heldOn: string; record: ClientRecord; themes: Set<string>; channels: Set<string> }>();
  for (const c of consultations) {
    if (c.heldOn < start || c.heldOn > end) continue;
    const seen = latest.get(c.clientId);
    if (!seen) {
      latest.set(c.clientId, { heldOn: c.heldOn, record: c.record, themes: new Set(c.record.themes), channels: new Set(c.record.channels) });
      continue;
    }
    c.record.themes.forEach((t) => seen.themes.add(t));
    c.record.channels.forEach((ch) => seen.channels.add(ch));
    if (c.heldOn >= seen.heldOn) {
      seen.heldOn = c.heldOn;
      seen.record = c.record;
    }
  }
  return [...latest.values()].map((s) => ({ ...s.record, themes: [...s.themes], channels: [...s.channels] }));
}

/** A plain client, for hand-written cases. */
export function client(overrides: Partial<ClientRecord> = {}): ClientRecord {
  return {
    industry: 'E',
    sizeClass: '20-99',
    employed: true,
    employerHmac: 'emp-1',
    themes: ['career_change'],
    channels: ['in_person'],
    ageBand: '30-39',
    employmentType: 'regular',
    tenureBand: '1-3',
    ...overrides,
  };
}

/** A small grid for property tests: the same shapes, a tenth of the cells. */
export const SMALL_CLASSIFICATION: Classification = {
  industries: [
    { code: 'A', sector: 'primary' },
    { code: 'D', sector: 'secondary' },
    { code: 'E', sector: 'secondary' },
    { code: 'I', sector: 'tertiary' },
    { code: 'M', sector: 'tertiary' },
    { code: 'P', sector: 'tertiary' },
  ],
  sizeClasses: ['1-19', '300+'],
  categories: {
    theme: ['career_change', 'harassment', 'health', 'reskilling'],
    age_band: ['20-29', '30-39', '60+'],
    employment_type: ['regular', 'non_regular', 'not_working'],
    tenure_band: ['lt1', '10+', 'na'],
    channel: ['in_person', 'online'],
  },
};
