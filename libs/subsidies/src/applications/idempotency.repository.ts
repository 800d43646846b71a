import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RuleViolationError } from '@hokenshitsu/core';

/**
 * Idempotency-Key: the first request with a key does the work and stores its answer in the same
 * transaction; a retry with the same key (same person) gets that answer back, even while the first
 * is still running (its INSERT waits on the first one's uncommitted row). The same key with a
 * different request is refused: it is a client bug, not a retry.
 */
@Injectable()
export class IdempotencyRepository {
  /** null: this request is the first with its key (go on and store the answer); else the stored answer. */
  async claim(m: EntityManager, userId: string, key: string, requestHash: string): Promise<{ status: number; body: unknown } | null> {
    if (key.length > 200) throw new RuleViolationError('Idempotency-Key must be at most 200 characters', [{ field: 'Idempotency-Key', message: 'too long' }]);
    const inserted: unknown[] = await m.query(
      `INSERT INTO subsidy_idempotency (user_id, key, request_hash, status, body) VALUES ($1, $2, $3, 0, 'null')
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, requestHash],
    );
    if (inserted.length) return null;
    const [row] = (await m.query(`SELECT request_hash, status, body FROM subsidy_idempotency WHERE user_id = $1 AND key = $2`, [userId, key])) as [{ request_hash: string; status: number; body: unknown }];
    if (row.request_hash !== requestHash) {
      throw new RuleViolationError('Idempotency-Key was already used for a different request', [{ field: 'Idempotency-Key', message: 'already used for a different request' }]);
    }
    return { status: row.status, body: row.body };
  }

  async store(m: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await m.query(`UPDATE subsidy_idempotency SET status = $3, body = $4 WHERE user_id = $1 AND key = $2`, [userId, key, status, JSON.stringify(body)]);
  }
}
