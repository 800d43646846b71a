import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type ReportsConfig } from '@hokenshitsu/core';
import type { ReportDocument } from '../content/report-input.js';
import { BrowserPool, type PageLease } from './browser-pool.js';
import { PdfRenderer, type RenderedPdf } from './pdf-renderer.js';
import { BrowserCrashedError, RenderAbortedError, ReportRenderError, RenderTimeoutError } from './render-errors.js';

/** What the renderer reads from AppConfig. */
export interface RendererConfig {
  reports: Pick<ReportsConfig, 'renderTimeoutMs'>;
}

class Deadline extends Error {}

/** The bits of the DOM the renderer touches (the server build has no DOM typings). */
interface PrintedDocument {
  title: string;
  documentElement: { lang: string };
}

/**
 * Renders a report on a pooled, locked-down page. When the browser crashes or disconnects under a
 * render, the render is tried once more on a fresh browser: the crash is usually the browser's
 * (the OOM killer, a long-lived process), not the document's, and should not cost a job attempt.
 * Every other failure (timeout, abort, a second crash) is a retryable ReportRenderError left to
 * the job's BullMQ attempts and backoff, so a poison document cannot loop here.
 */
@Injectable()
export class ChromiumPdfRenderer extends PdfRenderer {
  private readonly timeoutMs: number;

  constructor(
    private readonly pool: BrowserPool,
    @Inject(APP_CONFIG) config: RendererConfig,
  ) {
    super();
    this.timeoutMs = config.reports.renderTimeoutMs;
  }

  async render(report: ReportDocument, options: { signal?: AbortSignal } = {}): Promise<RenderedPdf> {
    const attempt = () => this.pool.withPage((lease) => this.renderWithin(lease, report, options.signal), options.signal);
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof BrowserCrashedError)) throw error;
      return attempt();
    }
  }

  private async renderWithin(lease: PageLease, report: ReportDocument, signal: AbortSignal | undefined): Promise<RenderedPdf> {
    const work = this.print(lease, report);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      // puppeteer's own timeouts only stop waiting; Chromium would go on printing. Closing the
      // page (discard) is what stops the work and frees its memory.
      timer = setTimeout(() => reject(new Deadline()), this.timeoutMs);
      onAbort = () => reject(new RenderAbortedError());
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stop]);
    } catch (error) {
      lease.discard();
      work.catch(() => undefined); // it fails once the page is closed
      if (error instanceof Deadline) throw new RenderTimeoutError(this.timeoutMs);
      if (error instanceof ReportRenderError) throw error;
      if (await lease.browserCrashed(500)) throw new BrowserCrashedError(lease.generation, error);
      throw new ReportRenderError('RENDER_FAILED', `Chromium failed to render the report PDF: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  private async print(lease: PageLease, report: ReportDocument): Promise<RenderedPdf> {
    const timeout = this.timeoutMs;
    await lease.reset(timeout);
    await lease.page.setContent(report.html, { waitUntil: 'load', timeout });
    // The PDF's Title comes from the document's <title>: make it the report's whatever the HTML says.
    // (Runs through DevTools, which the page's disabled JavaScript does not stop.)
    await lease.page.evaluate(
      (title, lang) => {
        const { document } = globalThis as unknown as { document: PrintedDocument };
        if (document.title !== title) document.title = title;
        if (!document.documentElement.lang) document.documentElement.lang = lang;
      },
      report.title,
      report.lang,
    );
    // A4, margins and page numbers come from the document's @page rules (margin boxes), not from
    // puppeteer's header/footer templates; tagged + outline give an accessible PDF with bookmarks.
    const pdf = await lease.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout });
    return { pdf: Buffer.from(pdf) };
  }
}
