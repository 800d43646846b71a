/** Where a mail of the outbox is (see migrations/1764450000000-mail-outbox.ts for the lifecycle). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'held'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What a service asks to send. */
export interface NewMail {
  /**
   * What makes this mail the same one: a transition retried, or a reminder job run twice, gives
   * the same key and queues nothing new (e.g. `subsidy.<application>.approved`).
   */
  dedupeKey: string;
  /** The kind of mail, for staff and logs (e.g. `subsidy.approved`). */
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/** One row of mail_outbox. */
export interface OutboxMail {
  id: string;
  dedupeKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  claimedUntil: Date | null;
  sentAt: Date | null;
  messageId: string | null;
  createdAt: Date;
}

export type OutboxCounts = Record<OutboxStatus, number>;

/**
 * The Message-ID a mail is always sent with. Deterministic, so a resend after a crash between the
 * SMTP server's accept and the row being marked sent carries the same id: the receiving side (and
 * staff reading the server's log) can tell it is the same message.
 */
export function outboxMessageId(id: string): string {
  return `<outbox-${id}@hokenshitsu>`;
}
