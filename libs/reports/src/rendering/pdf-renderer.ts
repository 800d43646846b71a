import type { ReportDocument } from '../content/report-input.js';

/** A rendered PDF. */
export interface RenderedPdf {
  pdf: Buffer;
}

/** What the processor calls: the worker's warm, locked-down Chromium renders one document. */
export abstract class PdfRenderer {
  abstract render(document: ReportDocument, options?: { signal?: AbortSignal }): Promise<RenderedPdf>;
}
