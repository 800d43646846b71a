import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { ConsultationAggregatesQuery, DigestsModule, ReleasesService } from '@hokenshitsu/digests';

/**
 * bench:digest — builds a release from 1,000,000 generated consultations (200,000 clients) and
 * prints each phase beside the bare aggregation query, as medians over a few runs in the same
 * process and database (the machine is shared: compare ratios, not absolute times).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200_000);
const VISITS = Number(process.env.BENCH_VISITS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PERIOD = { start: '2030-04-01', end: '2031-03-31' };

// Generated server-side: a million rows through Node would time the generator, not the product.
const SEED_SQL = `
WITH codes AS (
  SELECT ARRAY['A','B','C','D','E','F','G','H','I','J','K','L','M','N','O','P','Q','R','S','T'] AS ind,
         ARRAY['1-4','5-9','10-19','20-49','50-99','100-299','300-999','1000+'] AS band,
         ARRAY['-19','20-29','30-39','40-49','50-59','60+'] AS age,
         ARRAY['regular','regular','non_regular','non_regular','self_employed','executive','not_working'] AS emp,
         ARRAY['lt1','1-3','3-10','10+'] AS tenure,
         ARRAY['in_person','online','phone','web_form','branch_booth'] AS chan,
         ARRAY['startup','side_job','career_change','second_career','reskilling','promotion','working_conditions',
               'workplace_relations','harassment','childcare_balance','return_to_work','caregiving','health',
               'self_understanding','work_life_balance'] AS theme
), clients AS (
  SELECT c, abs(hashint4(c)) % 20 + 1 AS i, abs(hashint4(c + 7919)) % 8 + 1 AS b, abs(hashint4(c + 104729)) % 6 + 1 AS a,
         abs(hashint4(c + 1299709)) % 7 + 1 AS e
    FROM generate_series(0, $1::int - 1) c
)
INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band,
                           channel, duration_min, themes, recorded_by)
SELECT $3::date + abs(hashint4(c * 7 + v)) % 365,
       'bench-' || c,
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN md5(i || '-' || b || '-' || (c % 97)) || md5('k' || i || '-' || b || '-' || (c % 97)) END,
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

  const query = app.get(ConsultationAggregatesQuery);
  const releases = app.get(ReleasesService);
  const staff = { id: userId, email: 'bench@example.jp', role: 'city_staff' as const, companyId: null, sessionId: 'bench' };
  const bare: number[] = [];
  const builds: { total: number; aggregateMs: number; disclosureMs: number; storeMs: number; suppressed: number; lp: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const b0 = performance.now();
    const cells = await query.forPeriod(PERIOD.start, PERIOD.end);
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
