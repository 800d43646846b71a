import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';

export interface ReportDueRow {
  id: string;
  company_name: string;
  report_due_on: string;
  approved_yen: string;
}

export interface DecisionTimeRow {
  decided: number;
  median_days: number | null;
  p90_days: number | null;
}

export interface LedgerMovementRow {
  id: string;
  at: Date;
  action: string;
  application_id: string;
  company_name: string;
  notice: string | null;
  detail: Record<string, unknown>;
}

export interface ExportApplicationRow {
  id: string;
  company_name: string;
  corporate_number: string;
  industry: string;
  state: string;
  employees: number | null;
  sessions_per_employee: number | null;
  minutes_per_session: number | null;
  price_per_session_yen: string | null;
  eligible_cost_yen: string | null;
  requested_yen: string | null;
  approved_yen: string | null;
  confirmed_yen: string | null;
  first_submitted_at: Date | null;
  decided_at: Date | null;
  report_due_on: string | null;
  reported_at: Date | null;
  paid_on: string | null;
  decision_notice: string | null;
  confirmation_notice: string | null;
}

/**
 * The staff dashboard's and the exports' reads. Counts, percentiles and the ledger's movements are
 * aggregated in PostgreSQL on purpose: the dashboard is opened many times a day and must not pull
 * every application into Node to count them.
 */
@Injectable()
export class SubsidyDashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async countsByState(programId: string): Promise<Record<string, number>> {
    const rows: { state: string; n: number }[] = await this.db.query(
      `SELECT state, count(*)::int AS n FROM subsidy_applications WHERE program_id = $1 GROUP BY state`,
      [idOrNothing(programId)],
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /** Approved applications whose results report is due before `until` (exclusive) and from `from` on. */
  reportsDue(programId: string, from: string | null, until: string): Promise<ReportDueRow[]> {
    return this.db.query(
      `SELECT a.id, c.name AS company_name, to_char(a.report_due_on, 'YYYY-MM-DD') AS report_due_on, a.approved_yen::text AS approved_yen
         FROM subsidy_applications a JOIN companies c ON c.id = a.company_id
        WHERE a.program_id = $1 AND a.state = 'approved' AND a.report_due_on < $3::date
          AND ($2::date IS NULL OR a.report_due_on >= $2::date)
        ORDER BY a.report_due_on, c.name, a.id`,
      [idOrNothing(programId), from, until],
    );
  }

  /**
   * Days from the first submission to the decision (交付決定 or 不交付決定), as median and 90th
   * percentile: the clock runs through a return too, since that is what the company waited.
   */
  async decisionTime(programId: string): Promise<DecisionTimeRow> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median_days,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90_days
         FROM (SELECT extract(epoch FROM a.decided_at - COALESCE(a.first_submitted_at, a.submitted_at)) / 86400.0 AS d
                 FROM subsidy_applications a
                WHERE a.program_id = $1 AND a.decided_at IS NOT NULL AND COALESCE(a.first_submitted_at, a.submitted_at) IS NOT NULL) t`,
      [idOrNothing(programId)],
    )) as [{ decided: number; median_days: string | number | null; p90_days: string | number | null }];
    const num = (v: string | number | null) => (v === null ? null : Number(v));
    return { decided: row.decided, median_days: num(row.median_days), p90_days: num(row.p90_days) };
  }

  /** Every audit event that moved money in the ledger, oldest first (the order the ledger moved). */
  ledgerMovements(programId: string): Promise<LedgerMovementRow[]> {
    return this.db.query(
      `SELECT e.id::text, e.at, e.action, e.application_id, c.name AS company_name, e.detail->>'notice' AS notice, e.detail
         FROM subsidy_events e
         JOIN subsidy_applications a ON a.id = e.application_id
         JOIN companies c ON c.id = a.company_id
        WHERE e.program_id = $1
          AND (e.action IN ('approve', 'approve-change', 'confirm', 'pay') OR (e.action = 'withdraw' AND e.detail ? 'released_yen'))
        ORDER BY e.id`,
      [idOrNothing(programId)],
    );
  }

  exportApplications(programId: string): Promise<ExportApplicationRow[]> {
    return this.db.query(
      `SELECT a.id, c.name AS company_name, c.corporate_number, c.industry, a.state, a.employees, a.sessions_per_employee,
              a.minutes_per_session, a.price_per_session_yen::text, a.eligible_cost_yen::text, a.requested_yen::text,
              a.approved_yen::text, a.confirmed_yen::text, a.first_submitted_at, a.decided_at,
              to_char(a.report_due_on, 'YYYY-MM-DD') AS report_due_on, a.reported_at, to_char(a.paid_on, 'YYYY-MM-DD') AS paid_on,
              (SELECT string_agg(n.number, ' ' ORDER BY n.seq) FROM subsidy_notices n WHERE n.application_id = a.id AND n.kind IN ('decision', 'rejection')) AS decision_notice,
              (SELECT string_agg(n.number, ' ' ORDER BY n.seq) FROM subsidy_notices n WHERE n.application_id = a.id AND n.kind = 'confirmation') AS confirmation_notice
         FROM subsidy_applications a JOIN companies c ON c.id = a.company_id
        WHERE a.program_id = $1 AND a.state <> 'draft'
        ORDER BY a.first_submitted_at NULLS LAST, a.created_at, a.id`,
      [idOrNothing(programId)],
    );
  }
}
