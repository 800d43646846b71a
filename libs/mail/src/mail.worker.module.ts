import { Module } from '@nestjs/common';
import { APP_CONFIG, QueueModule, type AppConfig } from '@hokenshitsu/core';
import { MailSender } from './delivery/mail-sender.js';
import { OutboxDeliveryService } from './delivery/outbox-delivery.service.js';
import { SmtpSender } from './delivery/smtp-sender.js';
import { MAIL_QUEUE } from './jobs/mail.queue.js';
import { SendOutboxProcessor } from './jobs/send-outbox.processor.js';
import { SendOutboxSchedule } from './jobs/send-outbox.schedule.js';
import { MailModule } from './mail.module.js';

/**
 * The worker side, mounted only by the worker: the SMTP connection, the sender and its schedule.
 * Without SMTP_URL there is no MailSender, and the sender holds due mails instead of sending them.
 */
@Module({
  imports: [MailModule, QueueModule.forWorker(MAIL_QUEUE)],
  providers: [
    { provide: MailSender, useFactory: (config: AppConfig) => (config.mail.smtpUrl ? new SmtpSender(config.mail.smtpUrl) : undefined), inject: [APP_CONFIG] },
    OutboxDeliveryService,
    SendOutboxSchedule,
    SendOutboxProcessor,
  ],
  exports: [OutboxDeliveryService],
})
export class MailWorkerModule {}
