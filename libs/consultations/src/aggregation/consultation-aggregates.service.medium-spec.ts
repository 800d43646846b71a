import { createHash, randomUUID } from 'node:crypto';
import { cellKey, type CellAggregate } from '@hokenshitsu/disclosure';
import { startMedium, type MediumContext } from '../../../../test/support/medium.js';
import { ConsultationsModule } from '../consultations.module.js';
import { ConsultationAggregatesService } from './consultation-aggregates.service.js';
import { CONSULTATION_CATEGORIES } from './consultation-categories.js';
import { INDUSTRIES } from '@hokenshitsu/reference';

const employer = (name: string) => createHash('sha256').update(name).digest('hex');

interface Visit {
  heldOn: string;
  client: string;
  employer: string | null;
  industry: string;
  sizeBand: string | null;
  age: string;
  employment: string;
  tenure: string;
  channel: string;
  themes: string[];
}

// This suite owns the year 2072. Client A changes job mid-year: she counts once, in her latest
// scope (P), with every theme and channel of the year; D is not employed: city-wide tables only.
const VISITS: Visit[] = [
  { heldOn: '2072-02-01', client: 'A', employer: 'e1', industry: 'E', sizeBand: '20-49', age: '30-39', employment: 'regular', tenure: '1-3', channel: 'in_person', themes: ['reskilling'] },
  { heldOn: '2072-05-01', client: 'A', employer: 'e2', industry: 'P', sizeBand: '20-49', age: '30-39', employment: 'regular', tenure: '1-3', channel: 'online', themes: ['promotion', 'health'] },
  { heldOn: '2072-03-01', client: 'B', employer: 'e1', industry: 'E', sizeBand: '20-49', age: '40-49', employment: 'regular', tenure: '3-10', channel: 'phone', themes: ['reskilling'] },
  { heldOn: '2072-04-01', client: 'C', employer: 'e3', industry: 'E', sizeBand: '50-99', age: '20-29', employment: 'non_regular', tenure: 'lt1', channel: 'in_person', themes: ['career_change'] },
  { heldOn: '2072-06-01', client: 'D', employer: null, industry: 'E', sizeBand: null, age: '50-59', employment: 'not_working', tenure: 'na', channel: 'in_person', themes: ['reskilling'] },
  { heldOn: '2071-12-31', client: 'B', employer: 'e4', industry: 'A', sizeBand: '1-4', age: '40-49', employment: 'regular', tenure: '3-10', channel: 'web_form', themes: ['startup'] },
  { heldOn: '2073-01-01', client: 'E', employer: 'e1', industry: 'E', sizeBand: '20-49', age: '30-39', employment: 'regular', tenure: '1-3', channel: 'phone', themes: ['health'] },
];

describe('consultation aggregates on PostgreSQL (medium)', () => {
  let m: MediumContext;
  let aggregates: ConsultationAggregatesService;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    m = await startMedium(ConsultationsModule);
    aggregates = m.get(ConsultationAggregatesService);
    const [{ id: counsellor }] = await m.db.query(
      `INSERT INTO users (email, password_hash, role) VALUES ($1, 'x', 'counsellor') RETURNING id`,
      [`counsellor-${tag}@example.jp`],
    );
    for (const v of VISITS) {
      await m.db.query(
        `INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band, channel, duration_min, themes, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 60, $10, $11)`,
        [v.heldOn, `${v.client}-${tag}`, v.employer && employer(v.employer), v.industry, v.sizeBand, v.age, v.employment, v.tenure, v.channel, v.themes, counsellor],
      );
    }
  });
  afterAll(() => m.close());

  const byKey = (cells: CellAggregate[]) => new Map(cells.map((c) => [cellKey(c), c]));
  const count = (cells: Map<string, CellAggregate>, key: string) => cells.get(key)?.count ?? 0;

  it('counts each client of the period once, in her latest scope, with every theme and channel of the period', async () => {
    const cells = byKey(await aggregates.aggregate({ start: '2072-01-01', end: '2072-12-31' }));
    expect(count(cells, 'all|*|*|total|*')).toBe(4);
    expect(count(cells, 'all|*|*|theme|reskilling')).toBe(3);
    expect(count(cells, 'all|*|*|theme|promotion')).toBe(1);
    expect(count(cells, 'all|*|*|theme|health')).toBe(1);
    expect(count(cells, 'all|*|*|theme|startup')).toBe(0);
    expect(count(cells, 'all|*|*|channel|in_person')).toBe(3);
    expect(count(cells, 'all|*|*|channel|online')).toBe(1);
    expect(count(cells, 'all|*|*|employment_type|not_working')).toBe(1);

    // The employed tables: A in P (her latest job), B and C in E; D is in none of them.
    expect(cells.get('employed|*|*|total|*')).toMatchObject({ count: 3, employers: 3, maxEmployerCount: 1 });
    expect(cells.get('employed|E|20-99|total|*')).toMatchObject({ count: 2, employers: 2, maxEmployerCount: 1 });
    expect(cells.get('employed|P|20-99|total|*')).toMatchObject({ count: 1, employers: 1, maxEmployerCount: 1 });
    expect(cells.get('employed|secondary|*|total|*')).toMatchObject({ count: 2 });
    expect(cells.get('employed|tertiary|20-99|theme|reskilling')).toMatchObject({ count: 1 });
    expect(count(cells, 'employed|E|20-99|theme|reskilling')).toBe(1);
    expect(count(cells, 'employed|E|20-99|age_band|50-59')).toBe(0);
    expect([...cells.values()].every((c) => c.count > 0)).toBe(true);
  });

  it("rolls the divisions up into the sectors the build passes: JSIC's by default, primary_secondary on the folded tables", async () => {
    const jsic = byKey(await aggregates.aggregate({ start: '2071-01-01', end: '2072-12-31' }));
    // B's 2071 visit in A is not her latest: she counts in E, with C; A counts in P.
    expect(count(jsic, 'employed|secondary|*|total|*')).toBe(2);
    expect(count(jsic, 'employed|primary|*|total|*')).toBe(0);
    expect(count(jsic, 'employed|tertiary|*|total|*')).toBe(1);

    const foldedSectors = INDUSTRIES.map((i) => ({ code: i.code, sector: i.sector === 'tertiary' ? 'tertiary' : 'primary_secondary' }) as const);
    const folded = await aggregates.aggregate({ start: '2071-01-01', end: '2071-12-31' }, { sectors: foldedSectors });
    const foldedByKey = byKey(folded);
    // 2071 alone: B in A (agriculture) counts in the folded margin, and no JSIC sector scope exists.
    expect(foldedByKey.get('employed|primary_secondary|1-19|total|*')).toMatchObject({ count: 1, employers: 1, maxEmployerCount: 1 });
    expect(count(foldedByKey, 'employed|A|1-19|total|*')).toBe(1);
    expect(count(foldedByKey, 'employed|*|*|total|*')).toBe(1);
    expect(folded.filter((c) => ['primary', 'secondary'].includes(c.industry))).toEqual([]);

    const year = byKey(await aggregates.aggregate({ start: '2072-01-01', end: '2072-12-31' }, { sectors: foldedSectors }));
    expect(year.get('employed|primary_secondary|*|total|*')).toMatchObject({ count: 2, employers: 2, maxEmployerCount: 1 });
    expect(year.get('employed|primary_secondary|20-99|theme|reskilling')).toMatchObject({ count: 1 });
    expect(count(year, 'employed|tertiary|20-99|theme|reskilling')).toBe(1);
    // Everything but the sector margins is the same as on JSIC's tables.
    const jsicYear = byKey(await aggregates.aggregate({ start: '2072-01-01', end: '2072-12-31' }));
    const notSector = (cells: Map<string, CellAggregate>) => Object.fromEntries([...cells].filter(([, c]) => !['primary', 'secondary', 'primary_secondary'].includes(c.industry)));
    expect(notSector(year)).toEqual(notSector(jsicYear));
    expect(Object.keys(notSector(year)).length).toBeGreaterThan(50);
  });

  it('takes the period inclusively and only the period', async () => {
    const cells = byKey(await aggregates.aggregate({ start: '2072-02-01', end: '2072-03-01' }));
    expect(count(cells, 'all|*|*|total|*')).toBe(2);
    expect(cells.get('employed|E|20-99|total|*')).toMatchObject({ count: 2, employers: 1, maxEmployerCount: 2 });
    expect(await aggregates.aggregate({ start: '2074-01-01', end: '2074-12-31' })).toEqual([]);
  });

  it('caps each client to her first themes and channels in code order (differential privacy)', async () => {
    const themes = CONSULTATION_CATEGORIES.theme;
    expect(themes.indexOf('reskilling')).toBeLessThan(themes.indexOf('promotion'));
    expect(themes.indexOf('promotion')).toBeLessThan(themes.indexOf('health'));
    const channels = CONSULTATION_CATEGORIES.channel;
    expect(channels.indexOf('in_person')).toBeLessThan(channels.indexOf('online'));

    const capped = byKey(await aggregates.aggregate({ start: '2072-01-01', end: '2072-12-31' }, { caps: { themes: 1, channels: 1 } }));
    expect(count(capped, 'all|*|*|total|*')).toBe(4);
    expect(count(capped, 'all|*|*|theme|reskilling')).toBe(3);
    expect(count(capped, 'all|*|*|theme|promotion')).toBe(0);
    expect(count(capped, 'all|*|*|theme|health')).toBe(0);
    expect(count(capped, 'all|*|*|channel|in_person')).toBe(3);
    expect(count(capped, 'all|*|*|channel|online')).toBe(0);
    // one theme each: the city-wide themes add up to the city total
    const themeSum = [...capped.values()].filter((c) => c.population === 'all' && c.dimension === 'theme').reduce((s, c) => s + c.count, 0);
    expect(themeSum).toBe(4);

    const two = byKey(await aggregates.aggregate({ start: '2072-01-01', end: '2072-12-31' }, { caps: { themes: 2, channels: 2 } }));
    expect(count(two, 'all|*|*|theme|promotion')).toBe(1);
    expect(count(two, 'all|*|*|theme|health')).toBe(0);
    expect(count(two, 'all|*|*|channel|online')).toBe(1);
  });
});
