import type { EntityManager } from 'typeorm';
import type { OutgoingMail } from '../notifications/subsidy-mail.js';
import type { DeadlineRemindersRepository, ReportDue } from './deadline-reminders.repository.js';
import { DeadlineRemindersService } from './deadline-reminders.service.js';

/** The outbox as the mail lib keeps it: one row per dedupe key. */
class FakeOutbox {
  readonly mails = new Map<string, OutgoingMail>();
  async enqueue(_m: EntityManager, mail: OutgoingMail): Promise<void> {
    if (!this.mails.has(mail.dedupeKey)) this.mails.set(mail.dedupeKey, mail);
  }
}

const due = (id: string, reportDueOn: string): ReportDue => ({ applicationId: id, companyId: `c-${id}`, companyName: `会社${id}`, programName: '補助金', reportDueOn });

function setup(rows: ReportDue[], now = '2026-11-29T03:00:00Z') {
  const asked: string[] = [];
  const repo = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>) => work({} as EntityManager),
    dueBy: async (dueBy: string) => {
      asked.push(dueBy);
      return rows.filter((r) => r.reportDueOn <= dueBy);
    },
    managerEmails: async (_m: EntityManager, companyId: string) => [{ email: `manager@${companyId}.jp` }],
    staffDesk: async () => [{ email: 'staff@city.jp' }],
  } as unknown as DeadlineRemindersRepository;
  const outbox = new FakeOutbox();
  const clock = { now: () => new Date(now) };
  const service = new DeadlineRemindersService(repo, outbox, clock, { publicUrl: 'https://portal.example/' });
  return { service, outbox, asked };
}

describe('DeadlineRemindersService', () => {
  it('reminds the company of a report due within 7 days (Tokyo today), and the company and staff of an overdue one', async () => {
    const { service, outbox, asked } = setup([due('a', '2026-12-06'), due('b', '2026-11-28'), due('c', '2026-11-29')]);
    expect(await service.remind()).toEqual({ due: 2, overdue: 1 });
    expect(asked).toEqual(['2026-12-06']);
    const mails = [...outbox.mails.values()];
    expect(mails.map((m) => [m.to, m.kind]).sort()).toEqual([
      ['manager@c-a.jp', 'subsidy.reminder-due'],
      ['manager@c-b.jp', 'subsidy.reminder-overdue'],
      ['manager@c-c.jp', 'subsidy.reminder-due'],
      ['staff@city.jp', 'subsidy.reminder-overdue'],
    ]);
    const a = mails.find((m) => m.to === 'manager@c-a.jp')!;
    expect(a.subject).toBe('【補助金】実績報告の期限が近づいています');
    expect(a.text).toContain('令和8年12月6日');
    expect(a.text).toContain('https://portal.example/subsidies/applications/a');
    expect(a.dedupeKey).toBe('subsidy.a.reminder-due.2026-12-06.company.manager@c-a.jp');
  });

  it('mails each reminder once however often the schedule runs', async () => {
    const { service, outbox } = setup([due('a', '2026-12-01'), due('b', '2026-11-01')]);
    await service.remind();
    await service.remind();
    expect(outbox.mails.size).toBe(3);
  });

  it('uses the Tokyo date: at 23:30 UTC on 28 Nov it is already 29 Nov in Tokyo', async () => {
    const { service, asked } = setup([due('a', '2026-11-28')], '2026-11-28T23:30:00Z');
    expect(await service.remind()).toEqual({ due: 0, overdue: 1 });
    expect(asked).toEqual(['2026-12-06']);
  });
});
