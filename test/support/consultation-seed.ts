import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seededRandom, weighted } from './consultations-csv.js';

export interface SeedOptions {
  /** distinct clients */
  clients: number;
  /** consultations per client (first in period, later ones move through the period) */
  visits?: number;
  periodStart: string;
  periodEnd: string;
  /** a seed for the deterministic generator */
  seed?: number;
  /** restrict industries (default: a realistic mix over all divisions) */
  industries?: string[];
  /** employers per industry × size band */
  employersPerScope?: number;
  recordedBy: string;
  /** a tag that makes client refs unique to this seed call */
  tag?: string;
}

const THEMES = ['startup', 'side_job', 'career_change', 'second_career', 'reskilling', 'promotion', 'working_conditions', 'workplace_relations', 'harassment', 'childcare_balance', 'return_to_work', 'caregiving', 'health', 'self_understanding', 'work_life_balance'];
const INDUSTRY_WEIGHTS: [string, number][] = [['A', 2], ['B', 1], ['C', 0.3], ['D', 6], ['E', 9], ['F', 0.5], ['G', 3], ['H', 4], ['I', 15], ['J', 3], ['K', 2], ['L', 3], ['M', 8], ['N', 5], ['O', 5], ['P', 18], ['Q', 1], ['R', 5], ['S', 3], ['T', 1]];
const SIZE_BANDS = ['1-4', '5-9', '10-19', '20-49', '50-99', '100-299', '300-999', '1000+'];
const AGE_BANDS = ['-19', '20-29', '30-39', '40-49', '50-59', '60+'];
const EMPLOYMENT = [['regular', 45], ['non_regular', 30], ['self_employed', 8], ['executive', 4], ['not_working', 13]] as const;
const TENURES = ['lt1', '1-3', '3-10', '10+'];
const CHANNELS = ['in_person', 'online', 'phone', 'web_form', 'branch_booth'];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** Inserts realistic consultations straight into the table (for digest tests that do not test the import). */
export async function seedConsultations(db: DataSource, o: SeedOptions): Promise<number> {
  const r = seededRandom(o.seed ?? 1);
  const span = daysBetween(o.periodStart, o.periodEnd);
  const industries = o.industries ? o.industries.map((c) => [c, 1] as const) : INDUSTRY_WEIGHTS;
  const tag = o.tag ?? randomUUID().slice(0, 6);
  const rows: unknown[][] = [];
  for (let c = 0; c < o.clients; c++) {
    const industry = weighted(r, industries);
    const employment = weighted(r, EMPLOYMENT);
    const employed = employment === 'regular' || employment === 'non_regular';
    const band = SIZE_BANDS[Math.floor(r() * SIZE_BANDS.length)]!;
    const employer = employed ? `emp-${industry}-${band}-${Math.floor(r() * (o.employersPerScope ?? 6))}` : null;
    const age = AGE_BANDS[Math.min(5, Math.floor(r() * r() * 4 + 2.2 + r()))]!;
    const visits = o.visits ?? 1 + Math.floor(r() * 2);
    for (let v = 0; v < visits; v++) {
      const themes = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => THEMES[Math.floor(r() * THEMES.length)]!))];
      rows.push([
        addDays(o.periodStart, Math.floor(r() * (span + 1))),
        `c-${tag}-${c}`,
        employer ? createHash('sha256').update(employer).digest('hex') : null,
        industry,
        employed ? band : null,
        age,
        employment,
        employed ? TENURES[Math.floor(r() * 4)] : 'na',
        CHANNELS[Math.floor(r() * CHANNELS.length)],
        30 + Math.floor(r() * 90),
        `{${themes.join(',')}}`,
        o.recordedBy,
      ]);
    }
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    const col = (j: number) => batch.map((row) => row[j]);
    await db.query(
      `INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band, channel, duration_min, themes, recorded_by)
       SELECT a, b, c, d, e, f, g, h, i, j, k::text[], l
         FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::uuid[])
           AS t(a, b, c, d, e, f, g, h, i, j, k, l)`,
      [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10), col(11)],
    );
  }
  return rows.length;
}
