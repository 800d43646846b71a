import { Injectable } from '@nestjs/common';
import { PdfRenderer } from '@hokenshitsu/reports';
import { noticeDocument } from '../notices/content/notice-document.js';
import { NoticesService } from '../notices/notices.service.js';

/** A notice still queued this long after its decision committed never reached Redis. */
export const SWEEP_AFTER_SECONDS = 30;

/**
 * The worker's work on notices: render one with the worker's warm Chromium (reports'
 * PdfRenderingModule), and queue the ones issued while Redis was down.
 */
@Injectable()
export class NoticeRendering {
  constructor(
    private readonly notices: NoticesService,
    private readonly renderer: PdfRenderer,
  ) {}

  /** The notice's row decides whether there is anything to do: a job run twice renders and stores once. */
  async render(noticeId: string): Promise<{ noticeId: string; rendered: boolean; bytes?: number; sha256?: string }> {
    const input = await this.notices.startRender(noticeId);
    if (!input) return { noticeId, rendered: false };
    const { pdf } = await this.renderer.render(noticeDocument(input));
    const stored = await this.notices.finishRender(noticeId, pdf);
    return { noticeId, rendered: stored.stored, bytes: pdf.length, sha256: stored.sha256 };
  }

  failed(noticeId: string, reason: string, final: boolean): Promise<void> {
    return this.notices.failRender(noticeId, reason, final);
  }

  queuedBefore(seconds = SWEEP_AFTER_SECONDS): Promise<string[]> {
    return this.notices.queuedBefore(seconds);
  }
}
