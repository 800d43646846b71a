import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import { DigestsModule, ReleasesService } from '@hokenshitsu/digests';
import { SEED_CONSULTATIONS_SQL } from './bench-seed.js';

/**
 * bench:digest — builds a release from 1,000,000 generated consultations (200,000 clients) and
 * prints each phase beside the bare aggregation query, as medians over a few runs in the same
 * process and database (the machine is shared: compare ratios, not absolute times).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200_000);
const VISITS = Number(process.env.BENCH_VISITS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PERIOD = { start: '2030-04-01', end: '2031-03-31' };

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
  await db.query(SEED_CONSULTATIONS_SQL, [CLIENTS, VISITS, PERIOD.start, userId]);
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
