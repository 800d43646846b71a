import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { RenderReportProcessor } from './jobs/render-report.processor.js';
import { REPORTS_QUEUE } from './jobs/reports.queue.js';
import { PdfRenderingModule } from './rendering/pdf-rendering.module.js';
import { ReportsModule } from './reports.module.js';

/** The worker side, mounted only by the worker: the warm Chromium and the render processor. */
@Module({
  imports: [ReportsModule, PdfRenderingModule, QueueModule.forWorker(REPORTS_QUEUE)],
  providers: [RenderReportProcessor],
})
export class ReportsWorkerModule {}
