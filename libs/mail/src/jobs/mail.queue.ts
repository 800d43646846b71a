import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** Who woke the sender: the schedule (every MAIL_POLL_MS), or a process that just committed mail. */
export interface SendOutboxPayload {
  trigger: 'schedule' | 'poke';
}

/**
 * Mail's queue. A job carries no mail: the outbox table is the truth, and a job only says "look at
 * the outbox now". So a lost, duplicated or coalesced job can neither lose nor double a mail.
 * The schedule is not declared here because its interval is configuration (MAIL_POLL_MS): the
 * worker module registers it (send-outbox.schedule.ts).
 */
export const MAIL_QUEUE = defineQueue('mail', { 'send-outbox': payload<SendOutboxPayload>() });

export type MailQueue = typeof MAIL_QUEUE;

/** The job scheduler's id: stable, so a restart (or a new interval) updates the schedule instead of adding one. */
export const SEND_OUTBOX_SCHEDULE_ID = 'send-outbox-every-poll';

/** Deterministic: pokes that arrive while one waits are the same job. */
export const mailJobIds = {
  poke: () => jobId('send-outbox', 'poke'),
};
