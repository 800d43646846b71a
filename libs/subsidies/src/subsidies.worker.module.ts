import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { PdfRenderingModule } from '@hokenshitsu/reports';
import { DeadlineRemindersRepository } from './jobs/deadline-reminders.repository.js';
import { DeadlineRemindersService } from './jobs/deadline-reminders.service.js';
import { NoticeRendering } from './jobs/notice-rendering.js';
import { SubsidiesProcessor } from './jobs/subsidies.processor.js';
import { SUBSIDIES_QUEUE } from './jobs/subsidies.queue.js';
import { SubsidiesModule } from './subsidies.module.js';

/**
 * The worker side, mounted only by the worker: notices rendered on the worker's one warm Chromium
 * (shared with reports through PdfRenderingModule), the sweep and the deadline reminders.
 */
@Module({
  imports: [SubsidiesModule, PdfRenderingModule, QueueModule.forWorker(SUBSIDIES_QUEUE)],
  providers: [SubsidiesProcessor, NoticeRendering, DeadlineRemindersRepository, DeadlineRemindersService],
})
export class SubsidiesWorkerModule {}
