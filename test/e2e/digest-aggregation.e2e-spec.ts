import { DataSource } from 'typeorm';
import { aggregateClients, capContributions, cellKey, type ClientRecord, resolvePolicy } from '@hokenshitsu/disclosure';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { FOLDED_CLASSIFICATION, JSIC_CLASSIFICATION } from '@hokenshitsu/digests';
import { EMPLOYED_TYPES, sizeClassOfBand } from '@hokenshitsu/reference';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';
import { seedConsultations } from '../support/consultation-seed.js';

/** The SQL aggregation must give exactly what the pure reference gives for the same clients. */
describe('release aggregation in SQL', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const user = await createUser(t, 'counsellor');
    // This suite owns the year 2033.
    await seedConsultations(db, { clients: 400, visits: 3, periodStart: '2033-01-01', periodEnd: '2033-12-31', recordedBy: user.id, seed: 11, employersPerScope: 4 });
  });
  afterAll(() => t.close());

  async function referenceClients(start: string, end: string): Promise<ClientRecord[]> {
    const latest: { client_ref: string; latest: Record<string, string | null> }[] = await db.query(
      `SELECT DISTINCT ON (client_ref) client_ref, json_build_object('industry', industry, 'size_band', size_band, 'employment_type', employment_type,
              'age_band', age_band, 'tenure_band', tenure_band, 'employer_hmac', employer_hmac) AS latest
         FROM consultations WHERE held_on BETWEEN $1 AND $2 ORDER BY client_ref, held_on DESC, recorded_at DESC, id DESC`,
      [start, end],
    );
    const unions: { client_ref: string; themes: string[]; channels: string[] }[] = await db.query(
      `SELECT client_ref, array_agg(DISTINCT t) AS themes, array_agg(DISTINCT channel) AS channels
         FROM consultations, unnest(themes) t WHERE held_on BETWEEN $1 AND $2 GROUP BY client_ref`,
      [start, end],
    );
    const byRef = new Map(unions.map((u) => [u.client_ref, u]));
    return latest.map((l) => toClient({ ...l, themes: byRef.get(l.client_ref)!.themes, channels: byRef.get(l.client_ref)!.channels }));
  }

  function toClient(r: { latest: Record<string, string | null>; themes: string[]; channels: string[] }): ClientRecord {
    const employed = EMPLOYED_TYPES.includes(r.latest.employment_type!);
    return {
      industry: r.latest.industry!,
      sizeClass: r.latest.size_band ? sizeClassOfBand(r.latest.size_band)! : null,
      employed,
      employerHmac: r.latest.employer_hmac,
      themes: r.themes,
      channels: r.channels,
      ageBand: r.latest.age_band!,
      employmentType: r.latest.employment_type!,
      tenureBand: r.latest.tenure_band!,
    };
  }

  it.each([
    ['the whole year on the folded tables', '2033-01-01', '2033-12-31', FOLDED_CLASSIFICATION],
    ['the whole year on JSIC tables', '2033-01-01', '2033-12-31', JSIC_CLASSIFICATION],
    ['a quarter (clients counted in their latest scope within it)', '2033-04-01', '2033-06-30', FOLDED_CLASSIFICATION],
  ])('matches the reference for %s', async (_, start, end, classification) => {
    const sql = await t.app.get(ConsultationAggregatesService).aggregate({ start, end }, { sectors: classification.industries });
    const reference = aggregateClients(await referenceClients(start, end), classification);
    const sqlByKey = new Map(sql.map((c) => [cellKey(c), c]));
    expect(sql.length).toBe(reference.length);
    for (const ref of reference) {
      const got = sqlByKey.get(cellKey(ref));
      expect({ key: cellKey(ref), count: got?.count }).toEqual({ key: cellKey(ref), count: ref.count });
      if (ref.population === 'employed') {
        expect({ key: cellKey(ref), employers: got?.employers }).toEqual({ key: cellKey(ref), employers: ref.employers });
        // SQL treats clients without an employer key as one shared employer for the share rule: never laxer.
        expect(got!.maxEmployerCount).toBeGreaterThanOrEqual(ref.maxEmployerCount);
      }
    }
  });

  it('caps each client to her first themes and channels in code order, as the engine does (differential privacy)', async () => {
    const policy = resolvePolicy({ mode: 'differential_privacy', max_themes: 1, max_channels: 1 });
    const sql = await t.app.get(ConsultationAggregatesService).aggregate(
      { start: '2033-01-01', end: '2033-12-31' },
      { caps: { themes: 1, channels: 1 }, sectors: FOLDED_CLASSIFICATION.industries },
    );
    const clients = (await referenceClients('2033-01-01', '2033-12-31')).map((c) => capContributions(c, FOLDED_CLASSIFICATION, policy));
    const reference = aggregateClients(clients, FOLDED_CLASSIFICATION);
    const sqlCounts = Object.fromEntries(sql.map((c) => [cellKey(c), c.count]));
    expect(sqlCounts).toEqual(Object.fromEntries(reference.map((c) => [cellKey(c), c.count])));
    // one theme each: the city-wide themes add up to the city total
    const total = sqlCounts['all|*|*|total|*'];
    const themes = sql.filter((c) => c.population === 'all' && c.dimension === 'theme').reduce((s, c) => s + c.count, 0);
    expect(themes).toBe(total);
  });
});
