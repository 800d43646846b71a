import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The email outbox. A service writes the mail in the same transaction as the change it tells of
 * (a subsidy's transition), so the mail exists exactly when the change committed; the worker sends
 * it. `dedupe_key` is what the caller says makes a mail the same one (a retried transition queues
 * nothing new). Rows are never deleted: a failed mail stays listed for staff to retry.
 *
 * status: pending (due at next_attempt_at) → sending (claimed until claimed_until; an expired claim
 * is a crashed sender's, and the row is due again) → sent, or back to pending with a backoff, or
 * failed after the last attempt; held: no SMTP server is configured, shown on the staff's page and
 * sent once one is.
 */
export class MailOutbox1764450000000 implements MigrationInterface {
  name = 'MailOutbox1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'held')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        sent_at timestamptz,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        CHECK (status <> 'sending' OR claimed_until IS NOT NULL)
      )`);
    // The sender's scan: only rows that may be due (partial, so sent mail never weighs on it).
    await q.query(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'held')`);
    await q.query(`CREATE INDEX mail_outbox_claimed ON mail_outbox (claimed_until) WHERE status = 'sending'`);
    // The staff's page: newest first, optionally by status.
    await q.query(`CREATE INDEX mail_outbox_status_created ON mail_outbox (status, created_at DESC)`);
    await q.query(`CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_outbox`);
  }
}
