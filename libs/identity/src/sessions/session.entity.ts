import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Server-side sessions in PostgreSQL: they survive a restart and every api process shares them.
 * Only the sha256 of the cookie's token is stored, so a database dump opens no session.
 */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
