import { loadConfig } from '@hokenshitsu/core';
import type { OutboxMail } from '../outbox/outbox-mail.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import { MailSender, type OutgoingMail } from './mail-sender.js';
import { CLAIM_MS, OutboxDeliveryService } from './outbox-delivery.service.js';

const env = { DATABASE_URL: 'postgres://u@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379', SESSION_SECRET: 's'.repeat(32), EMPLOYER_HMAC_KEY: 'k'.repeat(32) };

function mail(id: string, attempts: number): OutboxMail {
  return {
    id, dedupeKey: `k-${id}`, kind: 'subsidy.approved', to: `${id}@example.jp`, subject: '件名', text: '本文', status: 'sending', attempts,
    lastError: null, nextAttemptAt: new Date(0), claimedUntil: new Date(0), sentAt: null, messageId: null, createdAt: new Date(0),
  };
}

/** The repository faked at the I/O edge: it hands out the given batches and records what the service decides. */
function fakeOutbox(batches: OutboxMail[][]) {
  const calls: unknown[][] = [];
  const repo = {
    claimDue: async (...args: unknown[]) => (calls.push(['claimDue', ...args]), batches.shift() ?? []),
    holdDue: async () => (calls.push(['holdDue']), 3),
    markSent: async (...args: unknown[]) => void calls.push(['markSent', ...args]),
    markAttemptFailed: async (...args: unknown[]) => void calls.push(['markAttemptFailed', ...args]),
  };
  return { repo: repo as unknown as OutboxRepository, calls };
}

class FakeSender extends MailSender {
  readonly sent: OutgoingMail[] = [];
  constructor(private readonly refuse: Set<string> = new Set()) {
    super();
  }
  async send(m: OutgoingMail) {
    if (this.refuse.has(m.to)) throw Object.assign(new Error('refused'), { responseCode: 451, response: '451 smtps://u:topsecret@relay busy' });
    this.sent.push(m);
    return { messageId: m.messageId };
  }
}

describe('the outbox sender (OutboxDeliveryService)', () => {
  const config = loadConfig({ ...env, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_POLL_MS: '1000', MAIL_MAX_ATTEMPTS: '3' });

  it('without an SMTP server holds due mails and sends nothing', async () => {
    const { repo, calls } = fakeOutbox([[mail('a', 1)]]);
    const run = await new OutboxDeliveryService(repo, loadConfig(env), undefined).deliverDue();
    expect(run).toEqual({ sent: 0, retrying: 0, failed: 0, held: 3 });
    expect(calls).toEqual([['holdDue']]);
  });

  it('sends each claimed mail with its outbox Message-ID and marks it sent only after the server accepted it', async () => {
    const { repo, calls } = fakeOutbox([[mail('a', 1), mail('b', 1)]]);
    const sender = new FakeSender();
    const run = await new OutboxDeliveryService(repo, config, sender).deliverDue();
    expect(run).toEqual({ sent: 2, retrying: 0, failed: 0, held: 0 });
    // Held mails count as due once SMTP is configured.
    expect(calls[0]).toEqual(['claimDue', 20, CLAIM_MS, true]);
    expect(sender.sent.map((m) => [m.to, m.messageId, m.from])).toEqual([
      ['a@example.jp', '<outbox-a@hokenshitsu>', config.mail.from],
      ['b@example.jp', '<outbox-b@hokenshitsu>', config.mail.from],
    ]);
    expect(calls.slice(1)).toEqual([['markSent', 'a', '<outbox-a@hokenshitsu>'], ['markSent', 'b', '<outbox-b@hokenshitsu>']]);
  });

  it('schedules a refused mail again with backoff, and fails it at the last attempt, without the password in the reason', async () => {
    const { repo, calls } = fakeOutbox([[mail('a', 2), mail('b', 3), mail('c', 1)]]);
    const run = await new OutboxDeliveryService(repo, config, new FakeSender(new Set(['a@example.jp', 'b@example.jp']))).deliverDue();
    expect(run).toEqual({ sent: 1, retrying: 1, failed: 1, held: 0 });
    const reason = '451 smtps://***@relay busy';
    expect(calls.slice(1)).toEqual([
      ['markAttemptFailed', 'a', reason, { status: 'pending', retryInMs: 4000 }],
      ['markAttemptFailed', 'b', reason, { status: 'failed' }],
      ['markSent', 'c', '<outbox-c@hokenshitsu>'],
    ]);
  });

  it('keeps claiming while batches come back full, and stops at the first short one', async () => {
    const full = Array.from({ length: 20 }, (_, i) => mail(`m${i}`, 1));
    const { repo, calls } = fakeOutbox([full, [mail('last', 1)], [mail('never', 1)]]);
    const run = await new OutboxDeliveryService(repo, config, new FakeSender()).deliverDue();
    expect(run.sent).toBe(21);
    expect(calls.filter((c) => c[0] === 'claimDue')).toHaveLength(2);
  });
});
