import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { DigestsModule, ReleasesService } from '@hokenshitsu/digests';

/**
 * bench:digest — builds a release from 1,000,000 generated consultations (200,000 clients) and
 * prints each phase beside the bare aggregation query, as medians over a few runs in the same
 * process and database (the machine is shared: compare ratios, not absolute times).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200_000);
const VISITS = Number(process.env.BENCH_VISITS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PERIOD = { start: '2030-04-01', end: '2031-03-31' };

// A city's mix (out of 1,000): care, retail and manufacturing common, mining and fisheries rare,
// so some cells are small even among 200,000 clients; likewise teenagers and the largest firms.
const weighted = (weights: [string, number][]) => `ARRAY[${weights.flatMap(([code, w]) => Array(w).fill(`'${code}'`)).join(',')}]`;
const INDUSTRY_DRAW = weighted([
  ['A', 15], ['B', 3], ['C', 1], ['D', 60], ['E', 100], ['F', 4], ['G', 30], ['H', 50], ['I', 160], ['J', 30],
  ['K', 20], ['L', 30], ['M', 90], ['N', 50], ['O', 60], ['P', 200], ['Q', 2], ['R', 70], ['S', 24], ['T', 1],
]);
const BAND_DRAW = weighted([['1-4', 25], ['5-9', 20], ['10-19', 18], ['20-49', 15], ['50-99', 10], ['100-299', 7], ['300-999', 4], ['1000+', 1]]);
const AGE_DRAW = weighted([['-19', 1], ['20-29', 17], ['30-39', 25], ['40-49', 30], ['50-59', 20], ['60+', 7]]);

// Generated server-side: a million rows through Node would time the generator, not the product.
// Small bands have many employers, large bands a few big ones, so the employer rule and secondary
// suppression have real work to do.
const SEED_SQL = `
WITH codes AS (
  SELECT ${INDUSTRY_DRAW} AS ind,
         ${BAND_DRAW} AS band, ${AGE_DRAW} AS age,
         ARRAY['regular','regular','non_regular','non_regular','self_employed','executive','not_working'] AS emp,
         ARRAY['lt1','1-3','3-10','10+'] AS tenure,
         ARRAY['in_person','online','phone','web_form','branch_booth'] AS chan,
         ARRAY['startup','side_job','career_change','second_career','reskilling','promotion','working_conditions',
               'workplace_relations','harassment','childcare_balance','return_to_work','caregiving','health',
               'self_understanding','work_life_balance'] AS theme
), clients AS (
  SELECT c, abs(hashint4(c)) % 1000 + 1 AS i, abs(hashint4(c + 7919)) % 100 + 1 AS b, abs(hashint4(c + 104729)) % 100 + 1 AS a,
         abs(hashint4(c + 1299709)) % 7 + 1 AS e
    FROM generate_series(0, $1::int - 1) c
)
INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band,
                           channel, duration_min, themes, recorded_by)
SELECT $3::date + abs(hashint4(c * 7 + v)) % 365,
       'bench-' || c,
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN md5(x.ind[i] || '-' || x.band[b] || '-' || (abs(hashint4(c + 3)) % (10 + (100 - b) * 3)))
            || md5('k' || x.ind[i] || '-' || x.band[b] || '-' || (abs(hashint4(c + 3)) % (10 + (100 - b) * 3))) END,
       x.ind[i],
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN x.band[b] END,
       x.age[a],
       x.emp[e],
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN x.tenure[abs(hashint4(c + 15485863)) % 4 + 1] ELSE 'na' END,
       x.chan[abs(hashint4(c * 3 + v)) % 5 + 1],
       30 + (c + v) % 90,
       ARRAY(SELECT DISTINCT x.theme[t] FROM unnest(ARRAY[abs(hashint4(c * 5 + v)) % 15 + 1, abs(hashint4(c * 11 + v * 3)) % 15 + 1]) t),
       $4::uuid
  FROM clients, generate_series(0, $2::int - 1) v, codes x`;

@Module({})
class BenchModule {}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(
    { module: BenchModule, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config.databaseUrl, { runMigrations: true }), DigestsModule] },
    { logger: ['error'] },
  );
  const db = app.get(DataSource);
  const [{ id: userId }] = await db.query(
    `INSERT INTO users (email, password_hash, role) VALUES ('bench-' || gen_random_uuid() || '@example.jp', 'x', 'city_staff') RETURNING id`,
  );
  const t0 = performance.now();
  await db.query(SEED_SQL, [CLIENTS, VISITS, PERIOD.start, userId]);
  await db.query('ANALYZE consultations');
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM consultations WHERE held_on BETWEEN $1 AND $2`, [PERIOD.start, PERIOD.end]);
  console.log(`seeded ${n.toLocaleString('en')} consultations for ${CLIENTS.toLocaleString('en')} clients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const aggregates = app.get(ConsultationAggregatesService);
  const releases = app.get(ReleasesService);
  const staff = { id: userId, email: 'bench@example.jp', role: 'city_staff' as const, companyId: null, sessionId: 'bench' };
  const bare: number[] = [];
  const builds: { total: number; aggregateMs: number; disclosureMs: number; storeMs: number; suppressed: number; lp: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const b0 = performance.now();
    const cells = await aggregates.aggregate({ start: PERIOD.start, end: PERIOD.end });
    bare.push(performance.now() - b0);
    const r0 = performance.now();
    const { release, timings } = await releases.create(staff, { label: `bench ${run}`, periodStart: PERIOD.start, periodEnd: PERIOD.end });
    builds.push({ total: performance.now() - r0, ...timings, suppressed: release.audit.suppressedCells, lp: release.audit.lpSolves });
    console.log(
      `run ${run + 1}: bare query ${bare[run]!.toFixed(0)} ms (${cells.length} cells); build ${builds[run]!.total.toFixed(0)} ms ` +
        `= aggregation ${timings.aggregateMs.toFixed(0)} + suppression+audit ${timings.disclosureMs.toFixed(0)} + store ${timings.storeMs.toFixed(0)}; ` +
        `audit passed=${release.audit.passed}, suppressed ${release.audit.suppressedCells}, LP solves ${release.audit.lpSolves}`,
    );
  }
  const m = (f: (b: (typeof builds)[number]) => number) => median(builds.map(f));
  const ratio = m((b) => b.total) / median(bare);
  console.log('\nmedians over', RUNS, 'runs:');
  console.log(`  bare aggregation query   ${median(bare).toFixed(0)} ms`);
  console.log(`  SQL aggregation phase    ${m((b) => b.aggregateMs).toFixed(0)} ms`);
  console.log(`  suppression + audit      ${m((b) => b.disclosureMs).toFixed(0)} ms`);
  console.log(`  store draft              ${m((b) => b.storeMs).toFixed(0)} ms`);
  console.log(`  whole build              ${m((b) => b.total).toFixed(0)} ms  = ${ratio.toFixed(2)}× the bare query (target ≤ 3×, < 10 s)`);
  await db.query(`DELETE FROM releases WHERE created_by = $1`, [userId]);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
