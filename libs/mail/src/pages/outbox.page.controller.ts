import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidStateTransitionError, tokyoDateTime } from '@hokenshitsu/core';
import { StaffOnly } from '@hokenshitsu/identity';
import { renderPage } from '@hokenshitsu/web';
import { OUTBOX_STATUSES, type OutboxMail, type OutboxStatus } from '../outbox/outbox-mail.js';
import { OutboxService } from '../outbox/outbox.service.js';

const PAGE_SIZE = 50;

function statusOf(value: unknown): OutboxStatus | undefined {
  return OUTBOX_STATUSES.includes(value as OutboxStatus) ? (value as OutboxStatus) : undefined;
}

/** "2026-11-29 19:52" in Tokyo time: staff compare it with the SMTP server's log, so minutes matter. */
function when(instant: Date | null): string {
  return instant ? tokyoDateTime(instant).slice(0, 16).replace('T', ' ') : '';
}

function toRow(m: OutboxMail) {
  return {
    id: m.id, kind: m.kind, to: m.to, subject: m.subject, text: m.text, status: m.status, attempts: m.attempts, lastError: m.lastError,
    messageId: m.messageId, createdAt: when(m.createdAt), sentAt: when(m.sentAt), nextAttemptAt: m.status === 'pending' ? when(m.nextAttemptAt) : '',
    retryable: m.status === 'failed' || m.status === 'held',
  };
}

/** The staff's outbox: every mail the portal queued, newest first; failed (and held) ones can be sent again. */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/outbox')
export class OutboxPageController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  async list(@Query() query: Record<string, string>, @Res() res: Response): Promise<void> {
    const status = statusOf(query.status);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(query.page ?? '1', 10) || 1));
    const result = await this.outbox.list({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const all = Object.values(result.counts).reduce((a, b) => a + b, 0);
    const link = (p: number) => `/staff/outbox?${status ? `status=${status}&` : ''}page=${p}`;
    renderPage(res, 'mail/outbox', {
      titleKey: 'mail.outbox.title',
      smtpConfigured: result.smtpConfigured,
      status: status ?? '',
      filters: [
        { href: '/staff/outbox', key: 'mail.outbox.all', count: all, current: !status },
        ...OUTBOX_STATUSES.map((s) => ({ href: `/staff/outbox?status=${s}`, key: `mail.status.${s}`, count: result.counts[s], current: s === status })),
      ],
      mails: result.items.map(toRow),
      total: result.total,
      retried: query.done === 'retried',
      notRetryable: query.error === 'not_retryable',
      previous: page > 1 ? link(page - 1) : undefined,
      next: page * PAGE_SIZE < result.total ? link(page + 1) : undefined,
    });
  }

  /** Post/redirect/get; a mail someone else retried meanwhile is a notice, not an error page. */
  @Post(':id/retry')
  async retry(@Param('id') id: string, @Res() res: Response): Promise<void> {
    try {
      await this.outbox.retry(id);
    } catch (error) {
      if (error instanceof InvalidStateTransitionError) return res.redirect(303, '/staff/outbox?error=not_retryable');
      throw error;
    }
    res.redirect(303, '/staff/outbox?done=retried');
  }
}
