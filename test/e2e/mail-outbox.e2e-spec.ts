import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig, QueueModule } from '@hokenshitsu/core';
import { DatabaseModule } from '@hokenshitsu/database';
import { MailWorkerModule, OutboxDeliveryService, OutboxService, type NewMail } from '@hokenshitsu/mail';
import { SmtpSink } from '../support/smtp-sink.js';
import { registeredCompany, signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Module({})
class MailWorkerRoot {}

/**
 * The email outbox end to end: mails queued inside a caller's transaction, sent by the worker's
 * mail module over a real SMTP server started here (npm smtp-server), through the faults an
 * outbox must survive: a rolled-back caller, a server refusing, a sender crashing, two senders
 * racing, no SMTP server at all. The workers are the real MailWorkerModule (its queue, schedule and
 * processor on the run's Redis), booted in this process with their own configuration.
 */
describe('mail outbox', () => {
  let t: TestApp;
  let db: DataSource;
  let outbox: OutboxService;
  let sink: SmtpSink;
  let smtpUrl: string;
  let staff: { cookie: string };
  let manager: { cookie: string };
  const queuePrefix = `hks-mail-${randomUUID().slice(0, 8)}`;
  const workers: INestApplicationContext[] = [];
  const run = randomUUID().slice(0, 8);

  /** A worker of this suite: its own config (SMTP or not), the suite's queue prefix, a short poll. */
  async function startWorker(env: Record<string, string>): Promise<INestApplicationContext> {
    const config = loadConfig({ ...process.env, QUEUE_PREFIX: queuePrefix, MAIL_POLL_MS: '200', SMTP_URL: '', ...env });
    const worker = await NestFactory.createApplicationContext(
      { module: MailWorkerRoot, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config.databaseUrl, { runMigrations: false }), QueueModule.forRoot(config), MailWorkerModule] },
      { logger: false },
    );
    workers.push(worker);
    return worker;
  }
  async function stopWorkers(): Promise<void> {
    while (workers.length) await workers.pop()!.close();
  }

  let n = 0;
  /** A Japanese mail with keys unique to this run (other suites share the database). */
  function mail(overrides: Partial<NewMail> = {}): NewMail {
    n++;
    return {
      dedupeKey: `test.${run}.${n}`,
      kind: 'subsidy.approved',
      to: `applicant-${run}-${n}@example.jp`,
      subject: `【旭川市】セルフ・キャリアドック補助金の交付決定のお知らせ（${run}-${n}）`,
      text: `株式会社テスト製作所 ご担当者様\n\n申請番号 ${run}-${n} の補助金の交付を決定しました。\n詳細はポータルでご確認ください。\n\n女性のキャリアの保健室`,
      ...overrides,
    };
  }
  const commit = (...mails: NewMail[]) => db.transaction((m) => outbox.enqueueMany(m, mails));
  const row = async (dedupeKey: string) =>
    (await db.query(`SELECT id, status, attempts, last_error, message_id, sent_at FROM mail_outbox WHERE dedupe_key = $1`, [dedupeKey]))[0] as
      | { id: string; status: string; attempts: number; last_error: string | null; message_id: string | null; sent_at: Date | null }
      | undefined;
  const statusOf = async (dedupeKey: string) => (await row(dedupeKey))?.status;
  const arrived = (m: NewMail) => sink.received.filter((r) => r.subject === m.subject);

  beforeAll(async () => {
    sink = new SmtpSink();
    smtpUrl = await sink.start();
    // The api has no SMTP_URL: its outbox page says mails are held.
    t = await startTestApp({ QUEUE_PREFIX: queuePrefix, MAIL_POLL_MS: '200', SMTP_URL: '' });
    db = t.app.get(DataSource);
    outbox = t.app.get(OutboxService);
    staff = await signedInAs(t, 'city_staff');
    manager = await signedInAs(t, 'company_manager', (await registeredCompany(t, { verifiedBy: staff.cookie })).id);
  }, 60_000);

  afterAll(async () => {
    await stopWorkers();
    await t?.close();
    await sink?.close();
  });

  describe('without SMTP_URL', () => {
    const held = [mail(), mail({ kind: 'subsidy.deadline-reminder' })];

    beforeAll(async () => {
      await startWorker({});
      // Two transitions, one after the other (one transaction's rows share their created_at).
      await commit(held[0]!);
      await commit(held[1]!);
    });
    afterAll(stopWorkers);

    it('holds due mails instead of sending them, and lists them for staff (GET /api/v1/outbox)', async () => {
      for (const m of held) await until(`${m.dedupeKey} held`, async () => ((await statusOf(m.dedupeKey)) === 'held' ? true : undefined));
      const res = await t.http.get('/api/v1/outbox?status=held&limit=500').set('Cookie', staff.cookie).expect(200);
      expect(res.body.smtp_configured).toBe(false);
      expect(res.body.counts.held).toBeGreaterThanOrEqual(2);
      const mine = res.body.items.filter((i: { dedupe_key: string }) => held.some((m) => m.dedupeKey === i.dedupe_key));
      // Newest first.
      expect(mine.map((i: { subject: string }) => i.subject)).toEqual([held[1]!.subject, held[0]!.subject]);
      expect(mine[0]).toMatchObject({ status: 'held', to: held[1]!.to, text: held[1]!.text, kind: 'subsidy.deadline-reminder', sent_at: null, message_id: null });
      expect(sink.received).toHaveLength(0);
      await t.http.get('/api/v1/outbox?status=lost').set('Cookie', staff.cookie).expect(400);
    });

    it('shows them on the staff outbox page, in Japanese with an English switch, saying SMTP is not configured', async () => {
      const res = await t.http.get('/staff/outbox?status=held').set('Accept', HTML).set('Cookie', staff.cookie).expect(200);
      expect(res.text).toContain('<h1>送信メール</h1>');
      expect(res.text).toContain('SMTP が設定されていないため、メールは送信されずここに表示されています');
      expect(res.text).toContain('<a href="/staff/outbox" aria-current="page">送信メール</a>');
      for (const m of held) expect(res.text).toContain(`<th scope="row">${m.subject}</th>`);
      expect(res.text).toContain('申請番号');
      expect(res.text).toContain('保留（SMTP 未設定）');
      const english = await t.http.get('/staff/outbox?status=held&lang=en').set('Accept', HTML).set('Cookie', staff.cookie).expect(200);
      expect(english.text).toContain('<h1>Outbox</h1>');
      expect(english.text).toContain('No SMTP server is configured, so mails are not sent');
      expect(english.text).toContain('Held (no SMTP)');
    });

    it('refuses the outbox to a manager (403) and to someone not signed in (401)', async () => {
      await t.http.get('/api/v1/outbox').set('Cookie', manager.cookie).expect(403);
      const id = (await row(held[0]!.dedupeKey))!.id;
      await t.http.post(`/api/v1/outbox/${id}/retry`).set('Cookie', manager.cookie).expect(403);
      await t.http.get('/staff/outbox').set('Accept', HTML).set('Cookie', manager.cookie).expect(403);
      await t.http.get('/api/v1/outbox').expect(401);
      await t.http.post(`/api/v1/outbox/${id}/retry`).expect(401);
      const nav = await t.http.get('/').set('Accept', HTML).set('Cookie', manager.cookie).expect(200);
      expect(nav.text).not.toContain('href="/staff/outbox"');
      expect((await statusOf(held[0]!.dedupeKey))).toBe('held');
    });
  });

  describe('with SMTP_URL pointing at a real SMTP server', () => {
    let delivery: OutboxDeliveryService;

    beforeAll(async () => {
      const worker = await startWorker({ SMTP_URL: smtpUrl, MAIL_MAX_ATTEMPTS: '3' });
      delivery = worker.get(OutboxDeliveryService);
    });

    it('sends what was held once SMTP is configured', async () => {
      const held: { subject: string; dedupe_key: string }[] = (await t.http.get('/api/v1/outbox?status=held&limit=500').set('Cookie', staff.cookie).expect(200)).body.items;
      const ours = held.filter((h) => h.dedupe_key.startsWith(`test.${run}.`));
      expect(ours).toHaveLength(2);
      for (const h of ours) await until(`${h.dedupe_key} sent`, async () => ((await statusOf(h.dedupe_key)) === 'sent' ? true : undefined));
      for (const h of ours) expect(sink.received.filter((r) => r.subject === h.subject)).toHaveLength(1);
    });

    it('delivers a committed mail exactly once, Japanese intact, with its outbox Message-ID; a rolled-back one never exists', async () => {
      const kept = mail();
      const dropped = mail();
      await commit(kept);
      await expect(
        db.transaction(async (m) => {
          await outbox.enqueue(m, dropped);
          throw new Error('the transition was refused');
        }),
      ).rejects.toThrow('the transition was refused');
      await outbox.poke();
      const got = await until('kept arrives', () => arrived(kept)[0]);
      const r = (await until('kept marked sent', async () => { const x = await row(kept.dedupeKey); return x?.status === 'sent' ? x : undefined; }))!;
      expect(got.subject).toBe(kept.subject);
      expect(got.text).toBe(kept.text);
      expect(got.rcptTo).toEqual([kept.to]);
      expect(got.from).toBe('女性のキャリアの保健室 <noreply@hokenshitsu.local>');
      expect(got.messageId).toBe(`<outbox-${r.id}@hokenshitsu>`);
      expect(r).toMatchObject({ attempts: 1, message_id: `<outbox-${r.id}@hokenshitsu>`, last_error: null });
      expect(r.sent_at).toBeInstanceOf(Date);
      // A few more polls: still once, and the rolled-back mail neither stored nor sent.
      await sleep(800);
      expect(arrived(kept)).toHaveLength(1);
      expect(await row(dropped.dedupeKey)).toBeUndefined();
      expect(arrived(dropped)).toHaveLength(0);
    });

    it('queues a mail once however often the same transition is retried (dedupe key)', async () => {
      const once = mail();
      await commit(once);
      await commit({ ...once, subject: `${once.subject}（再試行）` });
      await db.transaction(async (m) => {
        await outbox.enqueue(m, once);
        await outbox.enqueue(m, once);
      });
      expect((await db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE dedupe_key = $1`, [once.dedupeKey]))[0].n).toBe(1);
      await until('sent', async () => ((await statusOf(once.dedupeKey)) === 'sent' ? true : undefined));
      await sleep(500);
      expect(sink.received.filter((r) => r.subject.startsWith(once.subject))).toHaveLength(1);
    });

    it('retries a mail the server refuses at first (451) and delivers it once', async () => {
      const busy = mail();
      sink.rejectNext(busy.to, 2);
      await commit(busy);
      const r = await until('delivered after refusals', async () => { const x = await row(busy.dedupeKey); return x?.status === 'sent' ? x : undefined; });
      expect(r.attempts).toBe(3);
      expect(arrived(busy)).toHaveLength(1);
      await sleep(500);
      expect(arrived(busy)).toHaveLength(1);
    });

    it('marks a mail failed after MAIL_MAX_ATTEMPTS, keeps it listed, and sends it once after a staff retry', async () => {
      const refused = mail();
      sink.rejectAlways(refused.to);
      await commit(refused);
      const failed = await until('failed', async () => { const x = await row(refused.dedupeKey); return x?.status === 'failed' ? x : undefined; });
      expect(failed.attempts).toBe(3);
      expect(failed.last_error).toContain('550');
      expect(arrived(refused)).toHaveLength(0);
      const listed = (await t.http.get('/api/v1/outbox?status=failed&limit=500').set('Cookie', staff.cookie).expect(200)).body.items;
      expect(listed.find((i: { id: string }) => i.id === failed.id)).toMatchObject({ status: 'failed', attempts: 3 });
      // The page offers the retry; its form posts with the page's token.
      const page = await t.http.get('/staff/outbox?status=failed').set('Accept', HTML).set('Cookie', staff.cookie).expect(200);
      expect(page.text).toContain(`action="/staff/outbox/${failed.id}/retry"`);
      expect(page.text).toContain('送信できませんでした');

      sink.accept(refused.to);
      const retried = await t.http.post(`/api/v1/outbox/${failed.id}/retry`).set('Cookie', staff.cookie).expect(200);
      expect(retried.body).toMatchObject({ id: failed.id, attempts: 0 });
      expect(['pending', 'sending', 'sent']).toContain(retried.body.status);
      await until('sent after retry', async () => ((await statusOf(refused.dedupeKey)) === 'sent' ? true : undefined));
      expect(arrived(refused)).toHaveLength(1);
      // Only a failed or held mail can be retried: a sent one is 409, an unknown id 404.
      await t.http.post(`/api/v1/outbox/${failed.id}/retry`).set('Cookie', staff.cookie).expect(409);
      await t.http.post(`/api/v1/outbox/${randomUUID()}/retry`).set('Cookie', staff.cookie).expect(404);
      await t.http.post('/api/v1/outbox/not-a-uuid/retry').set('Cookie', staff.cookie).expect(404);
    });

    it("resends a crashed sender's mail once its claim expires, with the same Message-ID", async () => {
      const orphan = mail();
      await db.transaction(async (m) => {
        await outbox.enqueue(m, orphan);
        // As a sender that claimed it and died before marking it: sending, claim already expired.
        await m.query(`UPDATE mail_outbox SET status = 'sending', attempts = 1, claimed_until = now() - interval '1 second' WHERE dedupe_key = $1`, [orphan.dedupeKey]);
      });
      const r = await until('resent', async () => { const x = await row(orphan.dedupeKey); return x?.status === 'sent' ? x : undefined; });
      expect(r.attempts).toBe(2);
      expect(arrived(orphan).map((m) => m.messageId)).toEqual([`<outbox-${r.id}@hokenshitsu>`]);
    });

    it('never sends a row twice when two workers and concurrent runs claim at once', async () => {
      const second = await startWorker({ SMTP_URL: smtpUrl, MAIL_MAX_ATTEMPTS: '3' });
      const other = second.get(OutboxDeliveryService);
      // A slow server widens the window in which the senders overlap.
      sink.acceptDelayMs = 15;
      const many = Array.from({ length: 40 }, () => mail());
      let runs: { sent: number }[] = [];
      try {
        await commit(...many);
        // Both workers' schedules run too; these calls race them and each other.
        runs = await Promise.all([delivery.deliverDue(), other.deliverDue(), delivery.deliverDue(), other.deliverDue()]);
        for (const m of many) await until(`${m.dedupeKey} sent`, async () => ((await statusOf(m.dedupeKey)) === 'sent' ? true : undefined));
        await sleep(500);
      } finally {
        sink.acceptDelayMs = 0;
      }
      for (const m of many) expect(arrived(m)).toHaveLength(1);
      const ids = new Set(many.map((m) => arrived(m)[0]!.messageId));
      expect(ids.size).toBe(many.length);
      // The racing runs did take part (the schedules did not send everything first). No upper
      // bound: the database is shared, and other suites' due mails go out in the same runs.
      const byRuns = runs.reduce((sum, r) => sum + r.sent, 0);
      expect(byRuns).toBeGreaterThan(0);
    });
  });
});
