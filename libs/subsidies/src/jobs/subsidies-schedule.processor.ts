import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobProcessor, type JobOf } from '@hokenshitsu/core';
import { NoticesService } from '../notices/notices.service.js';
import { DeadlineRemindersService } from './deadline-reminders.service.js';
import { SubsidiesProducer } from './subsidies.producer.js';
import { SUBSIDIES_QUEUE, type SubsidiesQueue } from './subsidies.queue.js';

/** A notice still queued this long after its decision committed never reached Redis. */
export const SWEEP_AFTER_SECONDS = 30;

/** The scheduled jobs: notices issued while Redis was down, and the results reports' reminders. */
@JobProcessor(SUBSIDIES_QUEUE, ['sweep-notices', 'remind-deadlines'])
export class SubsidiesScheduleProcessor extends WorkerHost {
  private readonly logger = new Logger('SubsidiesSchedule');

  constructor(
    private readonly notices: NoticesService,
    private readonly producer: SubsidiesProducer,
    private readonly reminders: DeadlineRemindersService,
  ) {
    super();
  }

  async process(job: JobOf<SubsidiesQueue, 'sweep-notices' | 'remind-deadlines'>): Promise<unknown> {
    if (job.name === 'remind-deadlines') return this.reminders.remind();
    // The render job's id is deterministic: queueing a notice whose job exists already adds nothing.
    const ids = await this.notices.queuedBefore(SWEEP_AFTER_SECONDS);
    for (const id of ids) await this.producer.renderNotice(id);
    if (ids.length) this.logger.log(`queued ${ids.length} notice(s) issued while the queue was unreachable`);
    return { queued: ids.length };
  }
}
