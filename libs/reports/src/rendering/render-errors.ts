/**
 * Why a render failed. All are retryable: the job's BullMQ attempts render the report again on a
 * healthy page or browser. The message never holds document content.
 */
export class ReportRenderError extends Error {
  readonly retryable = true;

  constructor(readonly code: 'RENDER_TIMEOUT' | 'RENDER_ABORTED' | 'BROWSER_CRASHED' | 'RENDERER_CLOSED' | 'RENDER_FAILED', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportRenderError';
  }
}

export class RenderTimeoutError extends ReportRenderError {
  constructor(timeoutMs: number) {
    super('RENDER_TIMEOUT', `Rendering the report PDF took longer than ${timeoutMs} ms; the page was closed and replaced`);
    this.name = 'RenderTimeoutError';
  }
}

export class RenderAbortedError extends ReportRenderError {
  constructor() {
    super('RENDER_ABORTED', 'Rendering the report PDF was cancelled; the page was closed and replaced');
    this.name = 'RenderAbortedError';
  }
}

export class BrowserCrashedError extends ReportRenderError {
  constructor(generation: number, cause?: unknown) {
    super('BROWSER_CRASHED', `Chromium (generation ${generation}) crashed or disconnected during the render; the next render starts a fresh browser`, { cause });
    this.name = 'BrowserCrashedError';
  }
}

export class RendererClosedError extends ReportRenderError {
  constructor() {
    super('RENDERER_CLOSED', 'The PDF renderer is shutting down; the render will be retried by another attempt');
    this.name = 'RendererClosedError';
  }
}
