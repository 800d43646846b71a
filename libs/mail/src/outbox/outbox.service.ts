import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, BadInputError, InvalidStateTransitionError, NotFoundError, type AppConfig } from '@hokenshitsu/core';
import { MailProducer } from '../jobs/mail.producer.js';
import type { NewMail, OutboxCounts, OutboxMail, OutboxStatus } from './outbox-mail.js';
import { OutboxRepository } from './outbox.repository.js';

/** Longest subject and body we accept: a mail is a notice with a link, not a document. */
const SUBJECT_MAX = 300;
const TEXT_MAX = 50_000;
const ADDRESS = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

export interface OutboxPage {
  items: OutboxMail[];
  total: number;
  limit: number;
  offset: number;
  counts: OutboxCounts;
  /** Whether this process has an SMTP server: without one, mails are held, not sent. */
  smtpConfigured: boolean;
}

/**
 * The outbox other domains write to: a mail is queued inside the caller's own transaction and sent
 * by the worker; staff read the outbox and retry what failed.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: MailProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues one mail with the caller's EntityManager (from `dataSource.transaction(manager => …)`):
   * it commits or rolls back with the caller's change. The same dedupe key again queues nothing.
   * After the commit, the caller may `poke()` so the worker sends it without waiting for its poll.
   */
  async enqueue(manager: EntityManager, message: NewMail): Promise<void> {
    await this.enqueueMany(manager, [message]);
  }

  /** Several mails in one statement (a deadline reminder to every applicant). */
  async enqueueMany(manager: EntityManager, messages: readonly NewMail[]): Promise<void> {
    messages.forEach(check);
    await this.outbox.insert(manager, messages);
  }

  /** Wakes the worker's sender now; best effort (the schedule sends anyway). Call after the commit. */
  poke(): Promise<void> {
    return this.producer.poke();
  }

  async list(filter: { status?: OutboxStatus; limit: number; offset: number }): Promise<OutboxPage> {
    const [page, counts] = await Promise.all([this.outbox.list(filter), this.outbox.counts()]);
    return { ...page, limit: filter.limit, offset: filter.offset, counts, smtpConfigured: this.config.mail.smtpUrl !== null };
  }

  counts(): Promise<OutboxCounts> {
    return this.outbox.counts();
  }

  get smtpConfigured(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Staff send a failed (or held) mail again, with its attempts renewed. */
  async retry(id: string): Promise<OutboxMail> {
    const reset = await this.outbox.retry(id);
    if (!reset) {
      const mail = await this.outbox.find(id);
      if (!mail) throw new NotFoundError('mail');
      throw new InvalidStateTransitionError('mail', mail.status, 'retry (only a failed or held mail can be retried)');
    }
    await this.poke();
    // As the retry left it: a read after the poke may already see the worker's claim.
    return reset;
  }
}

/** A programming mistake in the calling domain, caught before the caller's transaction commits. */
function check(m: NewMail): void {
  const bad = (field: string, message: string) => new BadInputError(`mail ${field}: ${message}`, [{ field, message }]);
  if (!m.dedupeKey?.trim()) throw bad('dedupeKey', 'is required');
  if (!m.kind?.trim()) throw bad('kind', 'is required');
  if (!ADDRESS.test(m.to ?? '')) throw bad('to', 'must be one email address');
  // A line break in a header would let the text add headers of its own (Bcc:).
  if (!m.subject?.trim() || /[\r\n]/.test(m.subject) || m.subject.length > SUBJECT_MAX) throw bad('subject', `must be one line of 1 to ${SUBJECT_MAX} characters`);
  if (!m.text || m.text.length > TEXT_MAX) throw bad('text', `must be 1 to ${TEXT_MAX} characters`);
}
