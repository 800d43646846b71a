import { Injectable } from '@nestjs/common';
import { InjectJobQueue, JobQueue } from '@hokenshitsu/core';
import { MailProducer } from '@hokenshitsu/mail';
import { SUBSIDIES_QUEUE, subsidyJobIds, type SubsidiesQueue } from './subsidies.queue.js';

const REDIS_WAIT_MS = 2_500;

/**
 * Queues notice renders after the decision committed. Bounded: with Redis down the decision has
 * already been answered, the notice stays queued in PostgreSQL and the worker's sweep queues it.
 */
@Injectable()
export class SubsidiesProducer {
  constructor(
    @InjectJobQueue(SUBSIDIES_QUEUE) private readonly queue: JobQueue<SubsidiesQueue>,
    private readonly mail: MailProducer,
  ) {}

  async renderNotice(noticeId: string): Promise<void> {
    const jobId = subsidyJobIds.renderNotice(noticeId);
    // A finished job keeps its id for a while: a notice queued again (after a failure, or by staff)
    // must run again, not be ignored as a duplicate. A job still waiting or running is left alone.
    const add = this.queue.queue.getJob(jobId).then(async (known) => {
      if (known && (await known.isFailed())) return known.retry();
      if (known && (await known.isCompleted())) await known.remove();
      else if (known) return;
      await this.queue.add('render-notice', { noticeId }, { jobId });
    });
    add.catch(() => undefined);
    const done = await Promise.race([add.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), REDIS_WAIT_MS).unref())]);
    if (!done) throw new Error('the job queue did not answer');
  }

  /** Asks the mail sender to look at the outbox now rather than at its next poll. */
  pokeMail(): void {
    // Not awaited: the answer never waits on Redis; the sender's schedule sends the mail anyway.
    void this.mail.poke();
  }
}
