import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, LessThan, Repository } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '@hokenshitsu/core';
import { Session } from './session.entity.js';
import type { Role } from '../users/role.js';

export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
  companyId: string | null;
  /** Identifies the session (hash of its token) for CSRF tokens; never the token itself. */
  sessionId: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Opens a session and returns the cookie token (shown to the browser only). */
  async open(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.sessionTtlHours * 3600_000);
    await this.sessions.insert({ tokenHash: hashToken(token), userId, expiresAt });
    return { token, expiresAt };
  }

  /** The signed-in user behind a cookie token, or null when unknown, expired or deactivated. */
  async resolve(token: string): Promise<AuthenticatedUser | null> {
    const tokenHash = hashToken(token);
    const rows: { id: string; email: string; role: Role; company_id: string | null }[] = await this.db.query(
      `SELECT u.id, u.email, u.role, u.company_id
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
      [tokenHash, this.clock.now()],
    );
    const row = rows[0];
    return row ? { id: row.id, email: row.email, role: row.role, companyId: row.company_id, sessionId: tokenHash } : null;
  }

  async close(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }

  async purgeExpired(): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}
