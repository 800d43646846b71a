import type { EntityManager } from 'typeorm';
import { BadInputError, InvalidStateTransitionError, loadConfig, NotFoundError } from '@hokenshitsu/core';
import type { MailProducer } from '../jobs/mail.producer.js';
import type { NewMail, OutboxMail } from './outbox-mail.js';
import type { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379', SESSION_SECRET: 's'.repeat(32), EMPLOYER_HMAC_KEY: 'k'.repeat(32) });
const manager = { name: 'the caller’s transaction' } as unknown as EntityManager;
const good: NewMail = { dedupeKey: 'subsidy.a1.approved', kind: 'subsidy.approved', to: 'tantou@example.jp', subject: '交付決定のお知らせ', text: '本文' };

function service(found: Partial<OutboxMail> | null = null, retried: Partial<OutboxMail> | null = null) {
  const inserted: unknown[][] = [];
  let pokes = 0;
  const repo = {
    insert: async (m: EntityManager, mails: NewMail[]) => (inserted.push([m, mails]), mails.length),
    retry: async () => retried,
    find: async () => found,
  } as unknown as OutboxRepository;
  const producer = { poke: async () => void pokes++ } as unknown as MailProducer;
  return { outbox: new OutboxService(repo, producer, config), inserted, pokes: () => pokes };
}

describe('OutboxService', () => {
  it("queues with the caller's EntityManager (so the mail commits or rolls back with the caller's change)", async () => {
    const s = service();
    await s.outbox.enqueue(manager, good);
    await s.outbox.enqueueMany(manager, [good, { ...good, dedupeKey: 'subsidy.a2.approved' }]);
    expect(s.inserted.map(([m]) => m)).toEqual([manager, manager]);
    expect((s.inserted[1]![1] as NewMail[]).map((m) => m.dedupeKey)).toEqual(['subsidy.a1.approved', 'subsidy.a2.approved']);
  });

  it.each([
    [{ dedupeKey: ' ' }, 'dedupeKey'],
    [{ to: 'two@example.jp, three@example.jp' }, 'to'],
    [{ to: 'noreply' }, 'to'],
    [{ subject: '件名\r\nBcc: everyone@example.jp' }, 'subject'],
    [{ subject: 'x'.repeat(301) }, 'subject'],
    [{ text: '' }, 'text'],
  ])('refuses a malformed mail before anything is written: %o', async (bad, field) => {
    const s = service();
    const attempt = s.outbox.enqueueMany(manager, [good, { ...good, ...bad }]);
    await expect(attempt).rejects.toBeInstanceOf(BadInputError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ field }] });
    expect(s.inserted).toHaveLength(0);
  });

  it('retries a failed mail and wakes the sender; 404 for an unknown one, 409 for one not failed or held', async () => {
    // The answer is the mail as the retry left it, not a later read the worker may already have moved on.
    const ok = service({ id: 'm1', status: 'sending', attempts: 1 }, { id: 'm1', status: 'pending', attempts: 0 });
    await expect(ok.outbox.retry('m1')).resolves.toMatchObject({ id: 'm1', status: 'pending', attempts: 0 });
    expect(ok.pokes()).toBe(1);
    await expect(service(null).outbox.retry('nope')).rejects.toBeInstanceOf(NotFoundError);
    const sent = service({ id: 'm2', status: 'sent' });
    await expect(sent.outbox.retry('m2')).rejects.toBeInstanceOf(InvalidStateTransitionError);
    expect(sent.pokes()).toBe(0);
  });
});
