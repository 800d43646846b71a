import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { MailProducer } from './jobs/mail.producer.js';
import { MAIL_QUEUE } from './jobs/mail.queue.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { OutboxService } from './outbox/outbox.service.js';

/**
 * The email outbox without HTTP or SMTP: what other domains use to queue mail inside their own
 * transactions (OutboxService), in any process. The process provides QueueModule.forRoot.
 */
@Module({
  imports: [QueueModule.forDomain(MAIL_QUEUE)],
  providers: [OutboxRepository, OutboxService, MailProducer],
  exports: [OutboxService, OutboxRepository, MailProducer],
})
export class MailModule {}
