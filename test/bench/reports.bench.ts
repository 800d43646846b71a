import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import puppeteer, { type Browser, type PDFOptions } from 'puppeteer';
import { DataSource } from 'typeorm';
import { ConfigModule, jobQueueToken, loadConfig, QueueModule, type AppConfig, type JobQueue } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { DigestService, digestMinimumTotal, ReleasesService } from '@hokenshitsu/digests';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import {
  AdviceService,
  REPORT_TEMPLATE_VERSION,
  REPORTS_QUEUE,
  reportDocument,
  reportJobIds,
  ReportsModule,
  ReportsService,
  pdfPageCount,
  publishableScopes,
  REPORT_LOCALES,
  type ReportDocument,
  type ReportInput,
  type ReportLocale,
  type ReportsQueue,
} from '@hokenshitsu/reports';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { BrowserPool } from '../../libs/reports/src/rendering/browser-pool.js';
import { CHROMIUM_ARGS, resolveChromiumExecutable } from '../../libs/reports/src/rendering/chromium-launcher.js';
import { PdfRenderer } from '../../libs/reports/src/rendering/pdf-renderer.js';
import { isRunning } from '../../libs/reports/src/rendering/process-table.js';
import { residentMemoryMbOfTree } from '../../libs/reports/src/rendering/process-tree-memory.js';
import { SEED_CONSULTATIONS_SQL } from './bench-seed.js';

/**
 * bench:reports — renders feedback reports three ways in one run and prints each beside the others
 * (medians and ratios: the machine is shared):
 *   (a) the pipeline end to end: ReportsService.request → BullMQ → the worker's warm Chromium → stored row;
 *   (b) a naive baseline that launches Chromium for every report;
 *   (c) the floor: page.pdf() alone on a page whose content is already loaded.
 * Then 1,000 renders in a row through the pipeline, with the worker's memory after 100 and 1,000.
 *
 * The api side and the worker (WorkerModule.forRoot, as apps/worker mounts it) are two Nest
 * application contexts in this one process, so the worker's memory is this process's RSS (the
 * api context's few MiB included) plus its Chromium's process tree (PSS).
 */
const REPORTS = Number(process.env.BENCH_REPORTS ?? 100);
const LONG = Number(process.env.BENCH_LONG ?? 1000);
// bench-seed.ts's generator, smaller than bench:digest's: 20,000 clients (5 visits each) over one
// fiscal year, so most of the 80 industry × size-class scopes publish a digest.
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20_000);
const PERIOD = { start: '2030-04-01', end: '2031-03-31' };
const WAVE = 100;
// Publishing must not queue every scope's report behind the measurement.
process.env.REPORT_PRERENDER_ON_PUBLISH = 'false';

// The renderer's options (ChromiumPdfRenderer.print): A4 and margins come from the document's @page.
const PDF_OPTIONS: PDFOptions = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true };
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title></title></head><body></body></html>';

@Module({})
class BenchApiModule {}

interface Scope {
  industry: string;
  sizeClass: string;
  locale: ReportLocale;
}
interface Key extends Scope {
  adviceVersion: number;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const perMinute = (msPerReport: number) => (60_000 / msPerReport).toFixed(0);
const msFine = (x: number) => `${x.toFixed(1).padStart(6)} ms`;
const mib = (x: number) => `${x.toFixed(0)} MiB`;

/** Durations (ms) of `n` runs of a synchronous step. */
function timed(n: number, step: () => unknown): number[] {
  return Array.from({ length: n }, () => {
    const t0 = performance.now();
    step();
    return performance.now() - t0;
  });
}

/**
 * Fresh report keys, each never rendered before. A request always names the current advice
 * version (ReportsService.request), so a batch of keys is taken from one version: every
 * publishable scope × locale at the current version, then, when too few are left for the next
 * batch, a new advice version (same entries, so the same work per render). A new advice version is
 * how staff make new reports, so no row is deleted or faked.
 */
class FreshKeys {
  private pending: Key[] | undefined;

  constructor(
    private readonly advice: AdviceService,
    private readonly staff: AuthenticatedUser,
    private readonly scopes: Scope[],
  ) {}

  async take(n: number): Promise<Key[]> {
    if (n > this.scopes.length) throw new Error(`at most ${this.scopes.length} reports per batch (one advice version's keys)`);
    this.pending ??= this.at((await this.advice.current()).version);
    if (this.pending.length < n) {
      const current = await this.advice.current();
      this.pending = this.at((await this.advice.save(this.staff, current.version, current.entries)).version);
    }
    return this.pending.splice(0, n);
  }

  private at(adviceVersion: number): Key[] {
    return this.scopes.map((s) => ({ ...s, adviceVersion }));
  }
}

/** Completion of render jobs as BullMQ announces it (after the worker stored the PDF and returned). */
class Completions {
  private readonly done = new Map<string, number>();
  private readonly waiters = new Map<string, { resolve: (at: number) => void; reject: (e: Error) => void }>();

  constructor(readonly events: QueueEvents) {
    events.on('completed', ({ jobId }) => this.settle(jobId, null));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, new Error(`job ${jobId} failed: ${failedReason}`)));
  }

  private settle(jobId: string, error: Error | null): void {
    const at = performance.now();
    const waiter = this.waiters.get(jobId);
    this.waiters.delete(jobId);
    if (error) return waiter ? waiter.reject(error) : console.error(error.message);
    if (waiter) waiter.resolve(at);
    else this.done.set(jobId, at);
  }

  /** Resolves with the moment (performance.now) the job was announced complete. */
  wait(jobId: string, timeoutMs = 120_000): Promise<number> {
    const at = this.done.get(jobId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`job ${jobId} not done within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(jobId, {
        resolve: (t) => (clearTimeout(timer), resolve(t)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }
}

/** The pipeline as the api and the worker run it, both in this process. */
class Pipeline {
  constructor(
    private readonly reports: ReportsService,
    private readonly queue: JobQueue<ReportsQueue>,
    private readonly completions: Completions,
    private readonly staff: AuthenticatedUser,
    private readonly releaseId: string,
  ) {}

  jobId(key: Key): string {
    return reportJobIds.render({ releaseId: this.releaseId, templateVersion: REPORT_TEMPLATE_VERSION, ...key });
  }

  /** One report end to end: request (checks, row, enqueue) → worker → stored. Answers its phases. */
  async one(key: Key) {
    const jobId = this.jobId(key);
    const done = this.completions.wait(jobId);
    const t0 = performance.now();
    const report = await this.reports.request(this.staff, { releaseId: this.releaseId, ...key });
    const requested = performance.now();
    const end = await done;
    const job = (await this.queue.queue.getJob(jobId))!;
    // BullMQ's own timestamps (epoch ms) split the worker's part: waiting in Redis, processing.
    return { reportId: report.id, total: end - t0, request: requested - t0, wait: job.processedOn! - job.timestamp, process: job.finishedOn! - job.processedOn! };
  }

  /** Many at once, as a publication or a crowd would: answers the wall time until all are stored. */
  async many(keys: Key[]): Promise<number> {
    const t0 = performance.now();
    const done = keys.map((k) => this.completions.wait(this.jobId(k), 600_000));
    await Promise.all(keys.map((k) => this.reports.request(this.staff, { releaseId: this.releaseId, ...k })));
    await Promise.all(done);
    return performance.now() - t0;
  }
}

/** The worker's memory: this process's RSS + every live Chromium tree the pool launched (PSS). */
function workerMemory(pool: BrowserPool) {
  const stats = pool.stats();
  const live = stats.launchedPids.filter((pid) => isRunning(pid));
  return { nodeMb: process.memoryUsage().rss / 2 ** 20, chromiumMb: live.reduce((sum, pid) => sum + residentMemoryMbOfTree(pid), 0), live: live.length, generation: stats.generation };
}

async function launchNaive(executablePath: string): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, pipe: true, args: [...CHROMIUM_ARGS], handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

async function main(): Promise<void> {
  const config: AppConfig = loadConfig();
  const api = await NestFactory.createApplicationContext(
    { module: BenchApiModule, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config.databaseUrl, { runMigrations: true }), QueueModule.forRoot(config), ReportsModule] },
    { logger: ['error'] },
  );
  let worker: INestApplicationContext | undefined;
  const events = new QueueEvents(REPORTS_QUEUE.name, { connection: { url: config.redisUrl }, prefix: config.queuePrefix });
  const scratch = mkdtempSync(join(tmpdir(), 'hks-bench-reports-'));
  try {
    const db = api.get(DataSource);
    const [{ id: userId }] = await db.query(
      `INSERT INTO users (email, password_hash, role) VALUES ('bench-' || gen_random_uuid() || '@example.jp', 'x', 'city_staff') RETURNING id`,
    );
    const staff: AuthenticatedUser = { id: userId, email: 'bench@example.jp', role: 'city_staff', companyId: null, sessionId: 'bench' };

    // --- a published release -------------------------------------------------------------------
    const s0 = performance.now();
    await db.query(SEED_CONSULTATIONS_SQL, [CLIENTS, 5, PERIOD.start, userId]);
    await db.query('ANALYZE consultations');
    const releases = api.get(ReleasesService);
    const { release } = await releases.create(staff, { label: 'bench reports', periodStart: PERIOD.start, periodEnd: PERIOD.end });
    await releases.publish(staff, release.id);
    // What a publication would render (prerendering is off here, so nothing is queued behind the measurement).
    const scopes: Scope[] = publishableScopes(await releases.cells(staff, release.id), digestMinimumTotal(release.policy)).flatMap((scope) =>
      REPORT_LOCALES.map((locale) => ({ ...scope, locale })),
    );
    console.log(
      `seeded ${(CLIENTS * 5).toLocaleString('en')} consultations (${CLIENTS.toLocaleString('en')} clients), built and published a release ` +
        `in ${((performance.now() - s0) / 1000).toFixed(1)} s: ${scopes.length} publishable scope × locale keys per advice version`,
    );

    // --- the worker, as apps/worker mounts it -----------------------------------------------------
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error'] });
    const pool = worker.get(BrowserPool, { strict: false });
    await events.waitUntilReady();
    const completions = new Completions(events);
    const keys = new FreshKeys(api.get(AdviceService), staff, scopes);
    const pipeline = new Pipeline(api.get(ReportsService), api.get<JobQueue<ReportsQueue>>(jobQueueToken(REPORTS_QUEUE), { strict: false }), completions, staff, release.id);
    console.log(`worker: in this process (WorkerModule.forRoot), REPORT_CONCURRENCY=${config.reports.concurrency}, REPORT_BROWSER_MAX_RENDERS=${config.reports.browserMaxRenders}, Chromium ${resolveChromiumExecutable(config.puppeteerExecutablePath)}`);
    console.log(`machine: ${(await import('node:os')).cpus().length} cores (shared); ${REPORTS} reports per measure, ${LONG} in the long run\n`);

    // Warm-up, not measured: the worker's first render launches Chromium and loads the fonts.
    for (const key of await keys.take(3)) await pipeline.one(key);

    // The documents (b), (c) and the breakdown use: the same inputs the worker gathers for the
    // measured keys (ReportsService.startRender: release, digest, advice), timed the same way.
    const measured = await keys.take(REPORTS);
    const digests = api.get(DigestService);
    const advice = api.get(AdviceService);
    const gatherMs: number[] = [];
    const htmlMs: number[] = [];
    const documents: ReportDocument[] = [];
    for (const key of measured) {
      const g0 = performance.now();
      const r = await releases.get(staff, release.id);
      const digest = await digests.digest(staff, release.id, key.industry, key.sizeClass);
      const used = await advice.get(key.adviceVersion);
      const input: ReportInput = {
        locale: key.locale,
        requested: { industry: key.industry, sizeClass: key.sizeClass },
        digest,
        release: { id: r.id, label: r.label, periodStart: r.periodStart, periodEnd: r.periodEnd, status: r.status, publishedAt: r.publishedAt, policy: r.policy },
        advice: { version: used.version, entries: used.entries },
      };
      const h0 = performance.now();
      documents.push(reportDocument(input));
      gatherMs.push(h0 - g0);
      htmlMs.push(performance.now() - h0);
    }

    // (c)'s page: its own Chromium (same flags), the first document loaded once and printed once
    // (the first print lays the document out for print: not measured).
    const executablePath = resolveChromiumExecutable(config.puppeteerExecutablePath);
    const blankUrl = pathToFileURL(join(scratch, 'blank.html')).href;
    writeFileSync(join(scratch, 'blank.html'), BLANK_PAGE);
    const floorBrowser = await launchNaive(executablePath);
    const floorPage = await floorBrowser.newPage();
    await floorPage.goto(blankUrl, { waitUntil: 'load' });
    await floorPage.setContent(documents[0]!.html, { waitUntil: 'load' });
    await floorPage.pdf(PDF_OPTIONS);
    const renderer = worker.get(PdfRenderer, { strict: false });

    // Interleaved, report by report, so that the shared machine's load drifts over all four alike.
    const a: Awaited<ReturnType<Pipeline['one']>>[] = [];
    const bMs: number[] = [];
    const cMs: number[] = [];
    const poolMs: number[] = [];
    for (const [i, key] of measured.entries()) {
      // (a) the pipeline end to end, one report at a time
      a.push(await pipeline.one(key));
      // (b) naive: a Chromium launched for this one report
      const b0 = performance.now();
      const browser = await launchNaive(executablePath);
      try {
        const page = await browser.newPage();
        await page.goto(blankUrl, { waitUntil: 'load' });
        await page.setContent(documents[i]!.html, { waitUntil: 'load' });
        await page.pdf(PDF_OPTIONS);
      } finally {
        await browser.close();
      }
      bMs.push(performance.now() - b0);
      // (c) the floor: page.pdf() alone on the loaded page
      const c0 = performance.now();
      await floorPage.pdf(PDF_OPTIONS);
      cMs.push(performance.now() - c0);
      // the worker's renderer alone on its warm pool (blank page, setContent, title, pdf): no queue, no DB
      const r0 = performance.now();
      await renderer.render(documents[i]!);
      poolMs.push(performance.now() - r0);
    }
    await floorBrowser.close();
    const aMs = a.map((x) => x.total);

    const pages: { locale: string; pages: number; n: number; bytes: number }[] = await db.query(
      `SELECT locale, pages, count(*)::int AS n, round(avg(bytes))::int AS bytes FROM reports
        WHERE id = ANY($1::uuid[]) AND status = 'done' GROUP BY locale, pages ORDER BY locale, pages`,
      [a.map((x) => x.reportId)],
    );
    const [one] = await db.query(`SELECT p.pdf FROM report_pdfs p WHERE p.report_id = $1`, [a[0]!.reportId]);
    const pdfPath = join(scratch, 'one.pdf');
    writeFileSync(pdfPath, one.pdf);
    const pdfinfoPages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1];
    const stored = pages.reduce((sum, p) => sum + p.n, 0);
    console.log(`(a) stored ${stored}/${REPORTS}; pages (reports.pages): ${pages.map((p) => `${p.locale} ${p.pages} pages ×${p.n} (avg ${(p.bytes / 1024).toFixed(0)} KiB)`).join(', ')}; pdfinfo of the first: ${pdfinfoPages} pages`);
    const factsMs = timed(REPORTS, () => (createHash('sha256').update(one.pdf).digest('hex'), pdfPageCount(one.pdf)));

    // --- throughput: REPORTS at once ---------------------------------------------------------------
    const burstMs = await pipeline.many(await keys.take(REPORTS));

    const [am, bm, cm] = [median(aMs), median(bMs), median(cMs)];
    console.log(`\nper report, ${REPORTS} reports each (median / p95; reports per minute one at a time):`);
    console.log(`  (a) pipeline end to end       ${ms(am)} / ${ms(p95(aMs))}   ${perMinute(am)}/min`);
    console.log(`  (b) naive, Chromium per report ${ms(bm)} / ${ms(p95(bMs))}   ${perMinute(bm)}/min`);
    console.log(`  (c) floor, page.pdf() alone   ${ms(cm)} / ${ms(p95(cMs))}   ${perMinute(cm)}/min`);
    console.log(`  (a) ${REPORTS} at once (concurrency ${config.reports.concurrency}): ${(burstMs / 1000).toFixed(1)} s = ${(REPORTS / (burstMs / 60_000)).toFixed(0)} reports/min`);
    console.log(`\nwhere (a)'s time goes (medians):`);
    console.log(`  request (checks, digest, row, enqueue) ${ms(median(a.map((x) => x.request)))}`);
    console.log(`  waiting in Redis until the worker took it ${ms(median(a.map((x) => x.wait)))}`);
    console.log(`  worker processing (DB reads, HTML, render, store) ${ms(median(a.map((x) => x.process)))}`);
    console.log(`    reading release, digest, advice (as startRender)   ${msFine(median(gatherMs))}`);
    console.log(`    HTML generation (reportDocument)                   ${msFine(median(htmlMs))}`);
    console.log(`    warm-pool render (blank page, setContent, pdf)     ${msFine(median(poolMs))}`);
    console.log(`    sha256 + page count of the PDF                     ${msFine(median(factsMs))}`);
    const rest = median(a.map((x) => x.process)) - median(gatherMs) - median(htmlMs) - median(poolMs) - median(factsMs);
    console.log(`    the rest: row updates, 3 progress steps (Redis + DB), storing the bytea  ~${msFine(rest)}`);
    const bOverA = bm / am;
    const aOverC = am / cm;
    console.log(`\nratios (medians): b/a = ${bOverA.toFixed(1)}× (aim ≥ 8×: ${bOverA >= 8 ? 'met' : 'NOT met'}); a/c = ${aOverC.toFixed(2)}× (aim ≤ 1.5×: ${aOverC <= 1.5 ? 'met' : 'NOT met'})`);
    console.log(`  warm-pool render / c = ${(median(poolMs) / cm).toFixed(2)}×: Chromium loading each document (blank page, setContent, fonts, layout) on top of printing`);
    console.log(`  b/c = ${(bm / cm).toFixed(1)}×: (a) cannot be faster than (c), so b/a ≥ 8× needs b/c ≥ 8× on this machine`);

    // --- the long run: LONG renders in a row, in waves of WAVE ----------------------------------------
    console.log(`\n${LONG} renders in a row through the pipeline (waves of ${WAVE} requested at once); the worker's memory after each wave:`);
    console.log(`  (Chromium is recycled by design after REPORT_BROWSER_MAX_RENDERS=${config.reports.browserMaxRenders} renders, or past ${config.reports.browserMaxMemoryMb} MiB: the generation column counts launches)`);
    const samples: { after: number; total: number }[] = [];
    const l0 = performance.now();
    for (let done = 0; done < LONG; ) {
      const n = Math.min(WAVE, LONG - done);
      await pipeline.many(await keys.take(n));
      done += n;
      const m = workerMemory(pool);
      samples.push({ after: done, total: m.nodeMb + m.chromiumMb });
      console.log(`  after ${String(done).padStart(5)}: node RSS ${mib(m.nodeMb)} + Chromium PSS ${mib(m.chromiumMb)} (${m.live} live) = ${mib(m.nodeMb + m.chromiumMb)}; generation ${m.generation}`);
    }
    const longMs = performance.now() - l0;
    const first = samples.find((s) => s.after >= Math.min(WAVE, LONG))!;
    const last = samples.at(-1)!;
    const growth = last.total / first.total - 1;
    const retired = pool.stats().retired;
    console.log(`  ${LONG} in ${(longMs / 1000).toFixed(0)} s (${(LONG / (longMs / 60_000)).toFixed(0)} reports/min); Chromium retired: ${Object.entries(retired).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  memory after ${last.after} vs after ${first.after}: ${mib(last.total)} vs ${mib(first.total)} = ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % (aim within ±20 %: ${Math.abs(growth) <= 0.2 ? 'met' : 'NOT met'})`);
    const [{ failed }] = await db.query(`SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed FROM reports WHERE release_id = $1`, [release.id]);
    if (failed) console.log(`  ${failed} report(s) failed`);
  } finally {
    await events.close();
    await worker?.close();
    await api.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
