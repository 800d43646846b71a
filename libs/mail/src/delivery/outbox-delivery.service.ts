import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';
import { outboxMessageId, type OutboxMail } from '../outbox/outbox-mail.js';
import { afterFailedAttempt, describeSendError } from '../outbox/outbox-retry-policy.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { MailSender } from './mail-sender.js';

/** Mails one sender takes at once: small, so a slow server holds few rows from other senders. */
const BATCH = 20;
/**
 * How long a claim lasts. Longer than a batch can take with the SMTP timeouts (smtp-sender.ts), so
 * a live sender never loses its rows; short enough that a crashed sender's mails go out again
 * within minutes.
 */
export const CLAIM_MS = 10 * 60_000;
/** One run's limit, so a large backlog does not hold the job for ever; the next run continues. */
const MAX_BATCHES_PER_RUN = 50;

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  held: number;
}

/**
 * The worker's side of the outbox: claims due mails and sends them, or, with no SMTP server
 * configured, holds them for the staff's page. A mail is marked sent only after the server
 * accepted it, and claims expire, so a crash loses nothing; the worst a crash can do is send a
 * mail again with the same Message-ID.
 */
@Injectable()
export class OutboxDeliveryService {
  private readonly logger = new Logger(OutboxDeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Absent when SMTP_URL is not set.
    @Optional() private readonly sender?: MailSender,
  ) {}

  async deliverDue(): Promise<DeliveryRun> {
    const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, held: 0 };
    if (!this.sender) {
      run.held = await this.outbox.holdDue();
      return run;
    }
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const claimed = await this.outbox.claimDue(BATCH, CLAIM_MS, true);
      // One at a time: the pool has one connection, and an SMTP server counts a sender's connections.
      for (const mail of claimed) await this.deliver(mail, this.sender, run);
      if (claimed.length < BATCH) break;
    }
    return run;
  }

  private async deliver(mail: OutboxMail, sender: MailSender, run: DeliveryRun): Promise<void> {
    const messageId = outboxMessageId(mail.id);
    try {
      await sender.send({ from: this.config.mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId });
    } catch (error) {
      const outcome = afterFailedAttempt(mail.attempts, this.config.mail.maxAttempts, this.config.mail.pollMs);
      const reason = describeSendError(error);
      await this.outbox.markAttemptFailed(mail.id, reason, outcome);
      if (outcome.status === 'failed') run.failed++;
      else run.retrying++;
      this.logger.warn(`mail ${mail.id} (${mail.kind}) attempt ${mail.attempts} failed, ${outcome.status === 'failed' ? 'giving up' : `retrying in ${outcome.retryInMs} ms`}: ${reason}`);
      return;
    }
    await this.outbox.markSent(mail.id, messageId);
    run.sent++;
  }
}
