import { WorkerHost } from '@nestjs/bullmq';
import { JobProcessor, type JobOf } from '@hokenshitsu/core';
import { OutboxDeliveryService, type DeliveryRun } from '../delivery/outbox-delivery.service.js';
import { MAIL_QUEUE, type MailQueue } from './mail.queue.js';

/**
 * Sends what the outbox holds (every MAIL_POLL_MS, or sooner when poked). Several workers, or a
 * schedule run beside a poke, are safe together: the claim gives each row to one sender.
 */
@JobProcessor(MAIL_QUEUE, ['send-outbox'])
export class SendOutboxProcessor extends WorkerHost {
  constructor(private readonly delivery: OutboxDeliveryService) {
    super();
  }

  async process(job: JobOf<MailQueue>): Promise<DeliveryRun> {
    if (job.name !== 'send-outbox') throw new Error(`unexpected job ${job.name}`);
    return this.delivery.deliverDue();
  }
}
