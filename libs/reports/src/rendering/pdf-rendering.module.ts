import { Module } from '@nestjs/common';
import { BrowserPool } from './browser-pool.js';
import { PdfRenderer } from './pdf-renderer.js';
import { pdfRenderingProviders } from './rendering.providers.js';

/**
 * The worker's warm, locked-down Chromium and the renderer on it, for every domain that prints a
 * PDF (reports, subsidy notices). Nest instantiates a module once per process, so however many
 * worker modules import it there is one pool. Worker modules only: the api never starts Chromium.
 */
@Module({
  providers: pdfRenderingProviders,
  exports: [PdfRenderer, BrowserPool],
})
export class PdfRenderingModule {}
