import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, InjectJobQueue, JobQueue, type AppConfig } from '@hokenshitsu/core';
import { MAIL_QUEUE, SEND_OUTBOX_SCHEDULE_ID, type MailQueue } from './mail.queue.js';

/**
 * The worker's regular look at the outbox, every MAIL_POLL_MS. Registered here rather than in
 * defineQueue's schedules, whose intervals are constants. Upserted by a fixed id: a restart with a
 * new interval replaces the schedule. Each run is removed when done (it carries nothing to
 * inspect, and at 5 s would crowd the queue's history).
 */
@Injectable()
export class SendOutboxSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectJobQueue(MAIL_QUEUE) private readonly queue: JobQueue<MailQueue>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.queue.upsertJobScheduler(
      SEND_OUTBOX_SCHEDULE_ID,
      { every: this.config.mail.pollMs },
      { name: 'send-outbox', data: { trigger: 'schedule' }, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
