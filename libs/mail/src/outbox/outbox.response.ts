import { ApiProperty } from '@nestjs/swagger';
import { OUTBOX_STATUSES, type OutboxCounts, type OutboxMail, type OutboxStatus } from './outbox-mail.js';
import type { OutboxPage } from './outbox.service.js';

export class OutboxMailResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'what makes the mail the same one (a repeated transition queues nothing new)' }) dedupe_key: string;
  @ApiProperty({ example: 'subsidy.approved' }) kind: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'why the last try failed (the SMTP server\'s answer)' }) last_error: string | null;
  @ApiProperty({ description: 'when a pending mail is next tried' }) next_attempt_at: string;
  @ApiProperty({ nullable: true, type: String }) sent_at: string | null;
  @ApiProperty({ nullable: true, type: String, example: '<outbox-…@hokenshitsu>' }) message_id: string | null;
  @ApiProperty() created_at: string;
}

export class OutboxCountsResponse {
  @ApiProperty() pending: number;
  @ApiProperty() sending: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty() held: number;
}

export class OutboxPageResponse {
  @ApiProperty({ type: [OutboxMailResponse] }) items: OutboxMailResponse[];
  @ApiProperty({ description: 'mails matching the filter' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ type: OutboxCountsResponse, description: 'every mail, by status' }) counts: OutboxCounts;
  @ApiProperty({ description: 'false: no SMTP_URL, mails are held here instead of sent' }) smtp_configured: boolean;
}

export function toOutboxMailResponse(m: OutboxMail): OutboxMailResponse {
  return {
    id: m.id, dedupe_key: m.dedupeKey, kind: m.kind, to: m.to, subject: m.subject, text: m.text, status: m.status, attempts: m.attempts,
    last_error: m.lastError, next_attempt_at: m.nextAttemptAt.toISOString(), sent_at: m.sentAt?.toISOString() ?? null,
    message_id: m.messageId, created_at: m.createdAt.toISOString(),
  };
}

export function toOutboxPageResponse(p: OutboxPage): OutboxPageResponse {
  return { items: p.items.map(toOutboxMailResponse), total: p.total, limit: p.limit, offset: p.offset, counts: p.counts, smtp_configured: p.smtpConfigured };
}
