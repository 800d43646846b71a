import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, JobProcessor, type AppConfig, type JobOf } from '@hokenshitsu/core';
import { PdfRenderer } from '@hokenshitsu/reports';
import { noticeDocument } from '../notices/content/notice-document.js';
import { NoticesService } from '../notices/notices.service.js';
import { SUBSIDIES_QUEUE, type SubsidiesQueue } from './subsidies.queue.js';

/**
 * Renders an official notice with the worker's warm Chromium (reports' PdfRenderingModule). The
 * notice's row decides whether there is anything to do, so a job run twice (stalled and taken
 * over, or queued again by the sweep) renders and stores once. A failure is recorded on the row
 * and thrown, so BullMQ's attempts and backoff retry it; after the last attempt it stays failed.
 */
@JobProcessor(SUBSIDIES_QUEUE, ['render-notice'], { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class RenderNoticeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('RenderNotice');

  constructor(
    private readonly notices: NoticesService,
    private readonly renderer: PdfRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.reports.concurrency;
  }

  async process(job: JobOf<SubsidiesQueue, 'render-notice'>): Promise<unknown> {
    const { noticeId } = job.data;
    try {
      const input = await this.notices.startRender(noticeId);
      if (!input) return { noticeId, rendered: false };
      const { pdf } = await this.renderer.render(noticeDocument(input));
      const stored = await this.notices.finishRender(noticeId, pdf);
      return { noticeId, rendered: stored.stored, bytes: pdf.length, sha256: stored.sha256 };
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`notice ${noticeId} attempt ${job.attemptsMade + 1} failed${final ? ' (last attempt)' : ''}: ${reason}`);
      await this.notices.failRender(noticeId, reason, final);
      throw error;
    }
  }
}
