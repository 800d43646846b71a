import type { FactoryProvider, Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';
import { REPORT_FONT_DIRECTORY } from '../content/report-fonts.js';
import { BrowserPool, type BrowserPoolOptions } from './browser-pool.js';
import { ChromiumPdfRenderer } from './chromium-pdf-renderer.js';
import { PdfRenderer } from './pdf-renderer.js';

/** The pool's settings from the validated configuration; `fontDirectory` defaults to @fontsource/noto-sans-jp's files. */
export function browserPoolOptionsFrom(config: AppConfig, fontDirectory?: string): BrowserPoolOptions {
  return {
    executablePath: config.puppeteerExecutablePath,
    concurrency: config.reports.concurrency,
    maxRendersPerBrowser: config.reports.browserMaxRenders,
    maxMemoryMb: config.reports.browserMaxMemoryMb,
    // A render may run up to its timeout: give in-flight renders that long to finish on shutdown.
    drainTimeoutMs: config.reports.renderTimeoutMs + 1_000,
    fontDirectory,
  };
}

/** The worker's one pool (Nest calls its onModuleInit, which reaps orphans, and its shutdown hooks, which close Chromium). */
export const browserPoolProvider: FactoryProvider<BrowserPool> = {
  provide: BrowserPool,
  inject: [APP_CONFIG],
  // The fonts the documents' @font-face names are the only files a render may read.
  useFactory: (config: AppConfig) => new BrowserPool(browserPoolOptionsFrom(config, REPORT_FONT_DIRECTORY)),
};

/** Register in the worker module only: the api process never starts Chromium. */
export const pdfRenderingProviders: Provider[] = [browserPoolProvider, { provide: PdfRenderer, useClass: ChromiumPdfRenderer }];
