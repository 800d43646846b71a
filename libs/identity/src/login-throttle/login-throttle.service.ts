import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, TooManyRequestsError, type AppConfig } from '@hokenshitsu/core';

/**
 * Failed sign-ins counted per account and per address in PostgreSQL, so every api process sees the
 * same count. Unknown emails are counted like known ones: the lock itself must not reveal that an
 * account exists.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private windowStart(): Date {
    return new Date(this.clock.now().getTime() - this.config.loginLockMinutes * 60_000);
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const rows: { key: string; failures: string }[] = await this.db.query(
      `SELECT key, count(*) AS failures FROM login_failures
        WHERE key = ANY($1) AND failed_at > $2 GROUP BY key`,
      [[accountKey(email), addressKey(address)], this.windowStart()],
    );
    const failures = (key: string) => Number(rows.find((r) => r.key === key)?.failures ?? 0);
    if (
      failures(accountKey(email)) >= this.config.loginMaxFailuresPerAccount ||
      failures(addressKey(address)) >= this.config.loginMaxFailuresPerAddress
    ) {
      throw new TooManyRequestsError('Too many failed sign-in attempts. Try again later.', this.config.loginLockMinutes * 60);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    await this.db.query(`INSERT INTO login_failures (key, failed_at) VALUES ($1, $3), ($2, $3)`, [accountKey(email), addressKey(address), now]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE key = $1`, [accountKey(email)]);
  }

  async purgeOld(): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE failed_at <= $1`, [this.windowStart()]);
  }
}

function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
