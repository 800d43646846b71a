import type { EntityManager } from 'typeorm';

export interface OutgoingMail {
  /** The same key is one mail however often the transition is retried. */
  dedupeKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/** Where subsidy mails go: the mail outbox (written in the transition's own transaction). */
export abstract class SubsidyOutbox {
  abstract enqueue(m: EntityManager, mail: OutgoingMail): Promise<void>;
}
