import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, JobProcessor, type AppConfig, type JobOf } from '@hokenshitsu/core';
import { DeadlineRemindersService } from './deadline-reminders.service.js';
import { NoticeRendering } from './notice-rendering.js';
import { SubsidiesProducer } from './subsidies.producer.js';
import { SUBSIDIES_QUEUE, type SubsidiesQueue } from './subsidies.queue.js';

/**
 * Every job of the subsidies queue. One class for the queue because @nestjs/bullmq gives each
 * processor class its own BullMQ Worker, and a Worker takes every job of its queue whatever the
 * name: two classes on one queue would take each other's jobs.
 *
 * A short lock, renewed while a render runs, so that a worker killed mid-render gives its job back
 * within seconds (as reports do). A failed render is recorded on the notice and thrown, so BullMQ's
 * attempts and backoff retry it; after the last attempt the notice stays failed.
 */
@JobProcessor(SUBSIDIES_QUEUE, ['render-notice', 'sweep-notices', 'remind-deadlines'], { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class SubsidiesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('Subsidies');

  constructor(
    private readonly notices: NoticeRendering,
    private readonly producer: SubsidiesProducer,
    private readonly reminders: DeadlineRemindersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** As many renders at once as the shared Chromium pool allows. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.reports.concurrency;
  }

  async process(job: JobOf<SubsidiesQueue>): Promise<unknown> {
    switch (job.name) {
      case 'render-notice':
        return this.render(job as JobOf<SubsidiesQueue, 'render-notice'>);
      case 'sweep-notices': {
        // The render job's id is deterministic: queueing a notice whose job exists adds nothing.
        const ids = await this.notices.queuedBefore();
        for (const id of ids) await this.producer.renderNotice(id);
        if (ids.length) this.logger.log(`queued ${ids.length} notice(s) issued while the queue was unreachable`);
        return { queued: ids.length };
      }
      case 'remind-deadlines':
        return this.reminders.remind();
    }
  }

  private async render(job: JobOf<SubsidiesQueue, 'render-notice'>): Promise<unknown> {
    const { noticeId } = job.data;
    try {
      return await this.notices.render(noticeId);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`notice ${noticeId} attempt ${job.attemptsMade + 1} failed${final ? ' (last attempt)' : ''}: ${reason}`);
      await this.notices.failed(noticeId, reason, final);
      throw error;
    }
  }
}
