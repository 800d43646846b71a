import { Injectable, Logger } from '@nestjs/common';
import { InjectJobQueue, JobQueue } from '@hokenshitsu/core';
import { MAIL_QUEUE, mailJobIds, type MailQueue } from './mail.queue.js';

/** A poke must never hold up the request that committed the mail: the schedule sends it anyway. */
const POKE_WAIT_MS = 1_000;

/** Wakes the worker's sender sooner than its schedule would; callable from any process. */
@Injectable()
export class MailProducer {
  private readonly logger = new Logger(MailProducer.name);

  constructor(@InjectJobQueue(MAIL_QUEUE) private readonly queue: JobQueue<MailQueue>) {}

  /**
   * Call after the transaction that queued mail has committed (before, the sender would not see
   * it). Best effort: with Redis down or slow, this returns within a second and the mail goes out
   * at the next scheduled look. The job is removed when done so that its fixed id does not block
   * the next poke; pokes while one waits coalesce into it.
   */
  async poke(): Promise<void> {
    const added = this.queue.add('send-outbox', { trigger: 'poke' }, { jobId: mailJobIds.poke(), removeOnComplete: true, removeOnFail: true });
    added.catch((error: unknown) => this.logger.warn(`outbox poke not queued (the schedule will send): ${error instanceof Error ? error.message : String(error)}`));
    await Promise.race([added.then(() => undefined, () => undefined), new Promise<void>((resolve) => setTimeout(resolve, POKE_WAIT_MS).unref())]);
  }
}
