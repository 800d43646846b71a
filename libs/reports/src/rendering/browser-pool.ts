import { Logger, type LoggerService, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Page } from 'puppeteer';
import { launchChromium, type LaunchedChromium } from './chromium-launcher.js';
import { reapOrphanedChromium } from './chromium-orphan-reaper.js';
import { LockedDownPage } from './locked-down-page.js';
import { RendererClosedError } from './render-errors.js';
import { RenderRequestPolicy } from './render-request-policy.js';
import { RenderSlots } from './render-slots.js';
import { defaultReportFontDirectory } from './report-font-directory.js';
import { isRunning } from './process-table.js';
import { residentMemoryMbOfTree } from './process-tree-memory.js';

export interface BrowserPoolOptions {
  executablePath: string;
  /** Pages rendering at once (config.reports.concurrency). */
  concurrency: number;
  /** Renders after which a browser is retired (config.reports.browserMaxRenders). */
  maxRendersPerBrowser: number;
  /** Memory (PSS) of the browser's process tree beyond which it is retired (config.reports.browserMaxMemoryMb). */
  maxMemoryMb: number;
  /** The only directory pages may read files from; default: @fontsource/noto-sans-jp's files. */
  fontDirectory?: string;
  /** How long a browser or a page may take to close politely before it is killed. */
  closeGraceMs?: number;
  /** How long close() waits for in-flight renders before it kills the browsers under them. */
  drainTimeoutMs?: number;
  logger?: LoggerService;
}

export type RetireReason = 'renders' | 'memory' | 'crash' | 'stuck-page';

export interface BrowserPoolStats {
  /** Number of the newest browser (1 for the first launch). */
  generation: number;
  /** The browser new renders go to; undefined before the first render and right after a retirement. */
  browserPid: number | undefined;
  /** Every browser pid this pool has launched, oldest first. */
  launchedPids: number[];
  retired: Record<RetireReason, number>;
  inFlight: number;
}

/** One launched browser and the pages it lends out. */
class Generation {
  renders = 0;
  inFlight = 0;
  retiring = false;
  crashed = false;
  readonly idlePages: LockedDownPage[] = [];
  readonly disconnected: Promise<void>;
  closing: Promise<void> | undefined;

  constructor(
    readonly id: number,
    readonly chromium: LaunchedChromium,
    readonly policy: RenderRequestPolicy,
  ) {
    this.disconnected = new Promise((resolve) => chromium.browser.once('disconnected', () => resolve()));
  }
}

/** A page lent to one render. */
export interface PageLease {
  readonly page: Page;
  readonly generation: number;
  /** Back to the blank page, counting refused requests afresh. */
  reset(timeoutMs: number): Promise<void>;
  /** The page must not be reused (timed out, aborted, failed): it is closed on release and replaced. */
  discard(): void;
  /** Whether the browser went away, waiting up to `withinMs` for its disconnect to be noticed. */
  browserCrashed(withinMs: number): Promise<boolean>;
}

/**
 * One warm Chromium per worker process, lending a pool of locked-down pages. Launching costs
 * about 2 s per PDF and a long-lived Chromium grows (Gotenberg restarts every 100 conversions), so
 * the browser is kept warm and retired after `maxRendersPerBrowser` renders or past `maxMemoryMb`:
 * renders already on it finish there (drain), new renders go to a fresh browser. A crashed browser
 * is replaced on the next render.
 */
export class BrowserPool implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly slots: RenderSlots;
  private readonly live = new Set<Generation>();
  private current: Promise<Generation> | undefined;
  private generationCount = 0;
  private readonly launchedPids: number[] = [];
  private readonly retired: Record<RetireReason, number> = { renders: 0, memory: 0, crash: 0, 'stuck-page': 0 };
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly idleWaiters = new Set<() => void>();
  private readonly fontDirectory: string;
  private readonly logger: LoggerService;

  constructor(private readonly options: BrowserPoolOptions) {
    this.slots = new RenderSlots(options.concurrency);
    this.fontDirectory = options.fontDirectory ?? defaultReportFontDirectory();
    this.logger = options.logger ?? new Logger(BrowserPool.name);
  }

  /** Kills what a previous, killed worker left behind before this one launches its own browser. */
  onModuleInit(): void {
    reapOrphanedChromium({ logger: this.logger });
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  stats(): BrowserPoolStats {
    const inFlight = [...this.live].reduce((sum, generation) => sum + generation.inFlight, 0);
    const newest = [...this.live].filter((generation) => !generation.retiring && !generation.crashed).at(-1);
    return {
      generation: this.generationCount,
      browserPid: newest?.chromium.pid,
      launchedPids: [...this.launchedPids],
      retired: { ...this.retired },
      inFlight,
    };
  }

  /** Runs `use` on a pooled page; waits for a free slot first (an abort while waiting rejects). */
  async withPage<T>(use: (lease: PageLease) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.slots.take(signal);
    let generation: Generation;
    let locked: LockedDownPage;
    try {
      generation = await this.currentGeneration();
      generation.inFlight++;
      generation.renders++;
      if (generation.renders >= this.options.maxRendersPerBrowser) this.retire(generation, 'renders');
    } catch (error) {
      this.slots.give();
      throw error;
    }
    try {
      locked = generation.idlePages.pop() ?? (await LockedDownPage.open(generation.chromium.browser, generation.policy, generation.chromium.blankPageUrl));
    } catch (error) {
      await this.release(generation, undefined, true);
      throw error;
    }
    let discard = false;
    const lease: PageLease = {
      page: locked.page,
      generation: generation.id,
      reset: (timeoutMs) => locked.reset(timeoutMs),
      discard: () => {
        discard = true;
      },
      browserCrashed: async (withinMs) => {
        if (generation.crashed) return true;
        await Promise.race([generation.disconnected, new Promise((resolve) => setTimeout(resolve, withinMs).unref())]);
        return generation.crashed;
      },
    };
    try {
      return await use(lease);
    } finally {
      await this.release(generation, locked, discard);
    }
  }

  /**
   * Refuses new renders, waits up to `drainTimeoutMs` for those in flight, then closes (or kills)
   * every browser. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.slots.close();
      const drainMs = this.options.drainTimeoutMs ?? 10_000;
      await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, drainMs).unref())]);
      await this.current?.catch(() => undefined);
      await Promise.all([...this.live].map((generation) => this.closeGeneration(generation)));
    })();
    return this.closing;
  }

  private idle(): Promise<void> {
    if (this.stats().inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  private async currentGeneration(): Promise<Generation> {
    for (;;) {
      if (this.closed) throw new RendererClosedError();
      this.current ??= this.launch();
      const launching = this.current;
      const generation = await launching.catch((error: unknown) => {
        if (this.current === launching) this.current = undefined;
        throw error;
      });
      // A browser killed a moment ago (OOM killer, kill -9) may not have reported its disconnect yet.
      if (!generation.crashed && !(generation.chromium.browser.connected && isRunning(generation.chromium.pid))) {
        generation.crashed = true;
        this.retire(generation, 'crash');
      }
      if (!generation.retiring && !generation.crashed) return generation;
      // It crashed or was retired while we waited: the next turn launches a fresh one.
      if (this.current === launching) this.current = undefined;
    }
  }

  private async launch(): Promise<Generation> {
    const chromium = await launchChromium({ executablePath: this.options.executablePath });
    const generation = new Generation(++this.generationCount, chromium, new RenderRequestPolicy(this.fontDirectory, chromium.blankPageUrl));
    this.launchedPids.push(chromium.pid);
    this.live.add(generation);
    void generation.disconnected.then(() => {
      if (generation.closing || generation.crashed) return; // our own close, or already noticed
      generation.crashed = true;
      this.logger.warn?.(`Chromium generation ${generation.id} (pid ${chromium.pid}) disconnected; the next render launches a fresh one`);
      this.retire(generation, 'crash');
    });
    if (this.closed) {
      await this.closeGeneration(generation);
      throw new RendererClosedError();
    }
    this.logger.log(`Chromium generation ${generation.id} launched (pid ${chromium.pid})`);
    return generation;
  }

  private retire(generation: Generation, reason: RetireReason): void {
    if (generation.retiring) return;
    generation.retiring = true;
    this.retired[reason]++;
    // New renders must not be handed this browser; the next one launches a fresh one.
    const launching = this.current;
    void launching?.then((current) => {
      if (current === generation && this.current === launching) this.current = undefined;
    });
    if (generation.inFlight === 0) void this.closeGeneration(generation);
  }

  private async release(generation: Generation, locked: LockedDownPage | undefined, discard: boolean): Promise<void> {
    try {
      if (locked) {
        const refused = locked.refusedRequests();
        if (refused.total > 0) this.logger.debug?.(`render on generation ${generation.id} refused ${refused.total} request(s): ${refused.bySchemes}`);
        if (discard || generation.retiring || generation.crashed) await this.closePage(generation, locked);
        else generation.idlePages.push(locked);
      }
      if (!generation.retiring && !generation.crashed && this.overMemory(generation)) this.retire(generation, 'memory');
    } finally {
      generation.inFlight--;
      if (generation.retiring && generation.inFlight === 0) void this.closeGeneration(generation);
      this.slots.give();
      if (this.stats().inFlight === 0) for (const resolve of this.idleWaiters) resolve();
    }
  }

  private overMemory(generation: Generation): boolean {
    const mb = residentMemoryMbOfTree(generation.chromium.pid);
    if (mb <= this.options.maxMemoryMb) return false;
    this.logger.log(`Chromium generation ${generation.id} uses ${Math.round(mb)} MiB (limit ${this.options.maxMemoryMb}): recycling it`);
    return true;
  }

  /** A page that will not close is a wedged renderer: retire the whole browser rather than leak it. */
  private async closePage(generation: Generation, locked: LockedDownPage): Promise<void> {
    const graceMs = this.options.closeGraceMs ?? 5_000;
    const closed = await Promise.race([
      locked.page.close().then(
        () => true,
        () => generation.crashed,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
    ]);
    if (!closed) this.retire(generation, 'stuck-page');
  }

  private closeGeneration(generation: Generation): Promise<void> {
    generation.closing ??= (async () => {
      generation.retiring = true;
      await generation.chromium.close(this.options.closeGraceMs ?? 5_000);
      this.live.delete(generation);
    })();
    return generation.closing;
  }
}
