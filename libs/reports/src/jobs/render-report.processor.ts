import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, JobProcessor, type AppConfig, type JobOf } from '@hokenshitsu/core';
import { reportDocument } from '../content/report-document.js';
import { PdfRenderer } from '../rendering/pdf-renderer.js';
import { ReportsService } from '../reports/reports.service.js';
import { REPORTS_QUEUE, type ReportsQueue } from './reports.queue.js';

/**
 * Renders reports with the worker's warm Chromium. A short lock, renewed while a render runs, so
 * that a worker killed mid-render gives its job back within seconds (stalled-job recovery) rather
 * than the default half minute; a render takes about a second. The report's row decides whether
 * there is anything to do, so a job run twice (stalled and taken over, or queued again) renders
 * and stores once.
 */
@JobProcessor(REPORTS_QUEUE, ['render-report', 'report-batch'], { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class RenderReportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('RenderReport');

  constructor(
    private readonly reports: ReportsService,
    private readonly renderer: PdfRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** Concurrency comes from the configuration, known only at run time (the decorator's options are static). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.reports.concurrency;
  }

  async process(job: JobOf<ReportsQueue>): Promise<unknown> {
    if (job.name === 'report-batch') {
      // Every child has been rendered (or has failed for good): the batch itself has nothing to do.
      return { releaseId: job.data.releaseId, total: job.data.total };
    }
    const { reportId } = job.data;
    try {
      const started = await this.reports.startRender(reportId);
      if (!started) return { reportId, rendered: false };
      const step = async (progress: number) => {
        await job.updateProgress(progress);
        await this.reports.progress(reportId, progress);
      };
      await step(20);
      const document = reportDocument(started.input);
      await step(40);
      const { pdf } = await this.renderer.render(document);
      await step(90);
      const stored = await this.reports.finishRender(reportId, pdf);
      return { reportId, rendered: stored.stored, bytes: pdf.length, sha256: stored.sha256, pages: stored.pages };
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`report ${reportId} attempt ${job.attemptsMade + 1} failed${final ? ' (last attempt)' : ''}: ${reason}`);
      await this.reports.failRender(reportId, final ? 'the report could not be rendered; ask for it again to retry' : 'rendering again after a failure', final);
      throw error;
    }
  }
}
