import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import { OUTBOX_STATUSES, type NewMail, type OutboxCounts, type OutboxMail, type OutboxStatus } from './outbox-mail.js';

interface OutboxRow {
  id: string;
  dedupe_key: string;
  kind: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  claimed_until: Date | null;
  sent_at: Date | null;
  message_id: string | null;
  created_at: Date;
}

function toMail(r: OutboxRow): OutboxMail {
  return {
    id: r.id, dedupeKey: r.dedupe_key, kind: r.kind, to: r.to_address, subject: r.subject, text: r.body_text, status: r.status,
    attempts: r.attempts, lastError: r.last_error, nextAttemptAt: r.next_attempt_at, claimedUntil: r.claimed_until,
    sentAt: r.sent_at, messageId: r.message_id, createdAt: r.created_at,
  };
}

/** TypeORM's pg driver answers an UPDATE … RETURNING as [rows, affected], an INSERT or SELECT as rows. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}

const COLUMNS = `id, dedupe_key, kind, to_address, subject, body_text, status, attempts, last_error, next_attempt_at, claimed_until, sent_at, message_id, created_at`;

/** Every query on mail_outbox. Raw SQL on purpose: the claim's row locks are the point. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts with the caller's EntityManager, i.e. inside the caller's transaction: the mail exists
   * exactly when the change it tells of committed. A dedupe key seen before inserts nothing.
   * Answers how many were new.
   */
  async insert(manager: EntityManager, mails: readonly NewMail[]): Promise<number> {
    if (!mails.length) return 0;
    const col = <T>(f: (m: NewMail) => T) => mails.map(f);
    const rows = rowsOf<{ id: string }>(
      await manager.query(
        `INSERT INTO mail_outbox (dedupe_key, kind, to_address, subject, body_text)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [col((m) => m.dedupeKey), col((m) => m.kind), col((m) => m.to), col((m) => m.subject), col((m) => m.text)],
      ),
    );
    return rows.length;
  }

  async find(id: string): Promise<OutboxMail | null> {
    const rows: OutboxRow[] = await this.db.query(`SELECT ${COLUMNS} FROM mail_outbox WHERE id = $1`, [idOrNothing(id)]);
    return rows[0] ? toMail(rows[0]) : null;
  }

  /** Newest first, optionally of one status, with the total for that filter. */
  async list(filter: { status?: OutboxStatus; limit: number; offset: number }): Promise<{ items: OutboxMail[]; total: number }> {
    const where = filter.status ? `WHERE status = $3` : '';
    const params: unknown[] = [filter.limit, filter.offset, ...(filter.status ? [filter.status] : [])];
    const [rows, total] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM mail_outbox ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, params) as Promise<OutboxRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM mail_outbox ${filter.status ? 'WHERE status = $1' : ''}`, filter.status ? [filter.status] : []) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map(toMail), total: total[0]!.n };
  }

  async counts(): Promise<OutboxCounts> {
    const rows: { status: OutboxStatus; n: number }[] = await this.db.query(`SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`);
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as OutboxCounts;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  /**
   * Takes up to `limit` due mails for this sender and counts the attempt. Due: pending (and held,
   * when SMTP is configured) whose time has come, or sending whose claim expired (its sender
   * crashed or hung: the mail is tried again, with the same Message-ID). SKIP LOCKED: concurrent
   * senders take disjoint rows without waiting for each other; a row another sender has just
   * claimed and committed no longer matches when it is re-checked, so no row is taken twice.
   */
  async claimDue(limit: number, claimMs: number, includeHeld: boolean): Promise<OutboxMail[]> {
    const statuses = includeHeld ? ['pending', 'held'] : ['pending'];
    const rows = rowsOf<OutboxRow>(
      await this.db.query(
        `UPDATE mail_outbox
            SET status = 'sending', attempts = attempts + 1, claimed_until = now() + $2 * interval '1 millisecond'
          WHERE id IN (
            SELECT id FROM mail_outbox
             WHERE (status = ANY($3::text[]) AND next_attempt_at <= now())
                OR (status = 'sending' AND claimed_until < now())
             ORDER BY next_attempt_at
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
          RETURNING ${COLUMNS}`,
        [limit, claimMs, statuses],
      ),
    );
    return rows.map(toMail);
  }

  /** Without an SMTP server: due mails are held (shown to staff, sent once a server is configured). */
  async holdDue(): Promise<number> {
    const rows = rowsOf<{ id: string }>(
      await this.db.query(
        `UPDATE mail_outbox SET status = 'held', claimed_until = NULL
          WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND claimed_until < now())
          RETURNING id`,
      ),
    );
    return rows.length;
  }

  /**
   * Sent. Not conditioned on still holding the claim: the server accepted the mail, so it is sent
   * whoever holds the row now.
   */
  async markSent(id: string, messageId: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), message_id = $2, claimed_until = NULL, last_error = NULL
        WHERE id = $1 AND status = 'sending'`,
      [id, messageId],
    );
  }

  /** A failed try: back to pending after a delay, or failed for good. */
  async markAttemptFailed(id: string, error: string, outcome: { status: 'failed' } | { status: 'pending'; retryInMs: number }): Promise<void> {
    if (outcome.status === 'failed') {
      await this.db.query(`UPDATE mail_outbox SET status = 'failed', last_error = $2, claimed_until = NULL WHERE id = $1 AND status = 'sending'`, [id, error]);
      return;
    }
    await this.db.query(
      `UPDATE mail_outbox SET status = 'pending', last_error = $2, claimed_until = NULL, next_attempt_at = now() + $3 * interval '1 millisecond'
        WHERE id = $1 AND status = 'sending'`,
      [id, error, outcome.retryInMs],
    );
  }

  /** Staff's retry: a failed or held mail is due now with its attempts renewed. Returns the mail as the retry left it, or null when it was in another state. */
  async retry(id: string): Promise<OutboxMail | null> {
    const rows = rowsOf<OutboxRow>(
      await this.db.query(
        `UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = NULL
          WHERE id = $1 AND status IN ('failed', 'held') RETURNING ${COLUMNS}`,
        [idOrNothing(id)],
      ),
    );
    return rows[0] ? toMail(rows[0]) : null;
  }
}
