import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, tokyoDate, type AppConfig } from '@hokenshitsu/core';
import { warekiDate } from '../notices/content/wareki.js';
import { SubsidyOutbox } from '../notifications/subsidy-mail.js';
import { transitionMails } from '../notifications/subsidy-mails.js';
import { addDays } from '../rules/subsidy-dates.js';
import { DeadlineRemindersRepository } from './deadline-reminders.repository.js';

/** A results report due within this many days gets a reminder. */
export const REMIND_DAYS_BEFORE = 7;

/**
 * The results reports' reminders (実績報告の期限): one mail to the company when its report is due
 * within a week, one more (to the company and staff) once it is overdue. The schedule runs hourly;
 * the dedupe key (application, due date, kind, addressee) makes each mail once however often it
 * runs, and a moved due date (a change decision) reminds again.
 */
@Injectable()
export class DeadlineRemindersService {
  constructor(
    private readonly reminders: DeadlineRemindersRepository,
    private readonly outbox: SubsidyOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'publicUrl'>,
  ) {}

  async remind(): Promise<{ due: number; overdue: number }> {
    const today = tokyoDate(this.clock.now());
    const base = this.config.publicUrl.replace(/\/$/, '');
    const counts = { due: 0, overdue: 0 };
    for (const r of await this.reminders.dueBy(addDays(today, REMIND_DAYS_BEFORE))) {
      const kind = r.reportDueOn < today ? 'reminder-overdue' : 'reminder-due';
      const texts = transitionMails(kind, {
        programName: r.programName,
        companyName: r.companyName,
        applicationUrl: `${base}/subsidies/applications/${r.applicationId}`,
        staffUrl: `${base}/staff/subsidies/applications/${r.applicationId}`,
        dueOn: warekiDate(r.reportDueOn),
      });
      await this.reminders.transaction(async (m) => {
        const companyTo = await this.reminders.managerEmails(m, r.companyId);
        const staffTo = texts.some((t) => t.audience === 'staff') ? await this.reminders.staffDesk(m, r.applicationId) : [];
        for (const t of texts) {
          for (const { email } of t.audience === 'company' ? companyTo : staffTo) {
            await this.outbox.enqueue(m, { dedupeKey: `subsidy.${r.applicationId}.${kind}.${r.reportDueOn}.${t.audience}.${email}`, kind: `subsidy.${kind}`, to: email, subject: t.subject, text: t.body });
          }
        }
      });
      counts[kind === 'reminder-due' ? 'due' : 'overdue']++;
    }
    return counts;
  }
}
