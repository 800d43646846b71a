import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** An approved application whose results report (実績報告) is due soon or overdue. */
export interface ReportDue {
  applicationId: string;
  companyId: string;
  companyName: string;
  programName: string;
  reportDueOn: string;
}

/** The reminders' queries. */
@Injectable()
export class DeadlineRemindersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Approved (not yet reported) applications whose report is due on or before `dueBy`. */
  async dueBy(dueBy: string): Promise<ReportDue[]> {
    const rows: { id: string; company_id: string; company_name: string; program_name: string; report_due_on: string }[] = await this.db.query(
      `SELECT a.id, a.company_id, c.name AS company_name, p.name AS program_name, to_char(a.report_due_on, 'YYYY-MM-DD') AS report_due_on
       FROM subsidy_applications a JOIN companies c ON c.id = a.company_id JOIN subsidy_programs p ON p.id = a.program_id
       WHERE a.state = 'approved' AND a.report_due_on <= $1 ORDER BY a.report_due_on, a.id`,
      [dueBy],
    );
    return rows.map((r) => ({ applicationId: r.id, companyId: r.company_id, companyName: r.company_name, programName: r.program_name, reportDueOn: r.report_due_on }));
  }

  managerEmails(m: EntityManager, companyId: string): Promise<{ email: string }[]> {
    return m.query(`SELECT email FROM users WHERE company_id = $1 AND role = 'company_manager' AND active`, [companyId]);
  }

  /** The programme's desk mailbox, when it has one (as the transitions' staff mails). */
  staffDesk(m: EntityManager, applicationId: string): Promise<{ email: string }[]> {
    return m.query(
      `SELECT p.staff_email AS email FROM subsidy_applications a JOIN subsidy_programs p ON p.id = a.program_id WHERE a.id = $1 AND p.staff_email IS NOT NULL`,
      [applicationId],
    );
  }
}
