import { Readable } from 'node:stream';
import {
  AGE_BANDS, CHANNELS, EMPLOYED_TYPES, INDUSTRIES, SIZE_BANDS, THEMES,
} from '@hokenshitsu/reference';
import { CSV_COLUMNS, type CsvColumn } from '@hokenshitsu/consultations';

/**
 * Deterministic, realistic consultation CSVs for tests and benchmarks: the same seed gives the same
 * bytes. Clients come back (about three sessions each, same pseudonym, mostly the same employer),
 * employers are written the way people type them (full-width letters, stray spaces), and the code
 * frequencies lean the way a women's career room's would.
 */

export type ConsultationCsvRow = Record<CsvColumn, string>;

/** mulberry32: a tiny seeded PRNG, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const EMPLOYER_STEMS = ['あさひかわ', 'かぐら', '北星', '大雪', '石狩', 'ななかまど', '神居', '旭', 'Kamui', 'Taisetsu', 'Ishikari', 'Pirika'];
const EMPLOYER_KINDS = ['製作所', '商事', '運輸', '建設', 'ケアサービス', '食品', 'システムズ', 'ホテル', '信用金庫', 'クリニック'];
const EMPLOYMENT_WEIGHTS = [['regular', 45], ['non_regular', 33], ['self_employed', 8], ['executive', 2], ['not_working', 12]] as const;
const AGE_WEIGHTS: readonly (readonly [string, number])[] = AGE_BANDS.map((a, i) => [a.code, [2, 18, 27, 28, 18, 7][i]!] as const);
const CHANNEL_WEIGHTS: readonly (readonly [string, number])[] = CHANNELS.map((c, i) => [c.code, [45, 25, 15, 10, 5][i]!] as const);
const INDUSTRY_WEIGHTS: readonly (readonly [string, number])[] = INDUSTRIES.map((d) => [d.code, ({ E: 10, I: 14, M: 9, P: 20, O: 6, R: 6 } as Record<string, number>)[d.code] ?? 2] as const);
const DURATIONS = [['30', 20], ['45', 20], ['50', 10], ['60', 35], ['90', 12], ['120', 3]] as const;

interface Client {
  ref: string;
  ageBand: string;
  employmentType: string;
  employer: number;
  tenure: string;
}

/** Writes a company name as a person might: sometimes full-width, sometimes with a stray space. */
function spell(random: () => number, name: string): string {
  const r = random();
  if (r < 0.1) return name.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  if (r < 0.15) return ` ${name} `;
  if (r < 0.2) return name.replace('株式会社', '株式会社　');
  return name;
}

/** `count` rows for `clients` returning clients, held in FY2025 (2025-04-01 … 2026-03-31). */
export function* consultationRows(count: number, options: { seed?: number; clients?: number } = {}): Generator<ConsultationCsvRow> {
  const random = seededRandom(options.seed ?? 20251104);
  const employers = EMPLOYER_STEMS.flatMap((stem) => EMPLOYER_KINDS.map((kind) => ({
    name: random() < 0.7 ? `株式会社${stem}${kind}` : `${stem}${kind}株式会社`,
    industry: weighted(random, INDUSTRY_WEIGHTS),
    sizeBand: pick(random, SIZE_BANDS).code,
  })));
  const clients = new Map<number, Client>();
  const clientCount = options.clients ?? Math.max(1, Math.round(count / 3));
  const start = Date.UTC(2025, 3, 1);
  for (let i = 0; i < count; i++) {
    const id = Math.floor(random() * clientCount);
    let client = clients.get(id);
    if (!client) {
      const employmentType = weighted(random, EMPLOYMENT_WEIGHTS);
      client = {
        ref: `C${String(id).padStart(6, '0')}`,
        ageBand: weighted(random, AGE_WEIGHTS),
        employmentType,
        employer: Math.floor(random() * employers.length),
        tenure: employmentType === 'not_working' ? 'na' : pick(random, ['lt1', '1-3', '3-10', '10+']),
      };
      clients.set(id, client);
    }
    const employed = EMPLOYED_TYPES.includes(client.employmentType);
    const employer = employers[client.employer]!;
    const themeCount = weighted(random, [[1, 50], [2, 35], [3, 15]] as const);
    const themes = new Set<string>();
    while (themes.size < themeCount) themes.add(pick(random, THEMES).code);
    yield {
      held_on: new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10),
      client_ref: client.ref,
      employer_key: employed ? spell(random, employer.name) : '',
      industry: employed ? employer.industry : weighted(random, INDUSTRY_WEIGHTS),
      size_band: employed ? employer.sizeBand : '',
      age_band: client.ageBand,
      employment_type: client.employmentType,
      tenure_band: client.tenure,
      channel: weighted(random, CHANNEL_WEIGHTS),
      duration_min: weighted(random, DURATIONS),
      themes: [...themes].join(';'),
      satisfaction: random() < 0.6 ? String(1 + Math.min(4, Math.floor(random() * 5 + random()))) : '',
    };
  }
}

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(row: Partial<Record<string, string>>, columns: readonly string[], eol = '\n'): string {
  return columns.map((c) => csvCell(row[c] ?? '')).join(',') + eol;
}

/** A whole CSV as a string (small files for the broken-file tests). */
export function consultationCsv(rows: Iterable<Partial<Record<string, string>>>, options: { columns?: readonly string[]; eol?: string; bom?: boolean } = {}): string {
  const columns = options.columns ?? CSV_COLUMNS;
  const eol = options.eol ?? '\n';
  let out = (options.bom ? '\uFEFF' : '') + columns.join(',') + eol;
  for (const row of rows) out += csvLine(row, columns, eol);
  return out;
}

/**
 * The CSV of `count` generated rows as a stream of ~64 KB chunks, produced as it is read: a
 * 100,000-row file never exists in memory on the sending side either.
 */
export function consultationCsvStream(count: number, options: { seed?: number; eol?: string } = {}): Readable {
  const eol = options.eol ?? '\r\n';
  const rows = consultationRows(count, options);
  let header = true;
  return new Readable({
    read() {
      let chunk = header ? CSV_COLUMNS.join(',') + eol : '';
      header = false;
      while (chunk.length < 64 * 1024) {
        const next = rows.next();
        if (next.done) {
          if (chunk) this.push(chunk);
          this.push(null);
          return;
        }
        chunk += csvLine(next.value, CSV_COLUMNS, eol);
      }
      this.push(chunk);
    },
  });
}
