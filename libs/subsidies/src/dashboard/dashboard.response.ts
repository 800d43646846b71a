import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATES } from '../applications/application-states.js';
import { LedgerResponse, toLedgerResponse } from '../programs/program.response.js';
import type { ReportDue, SubsidyDashboard } from './subsidy-dashboard.service.js';

export class ReportDueResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() company_name: string;
  @ApiProperty() report_due_on: string;
  @ApiProperty() approved_yen: number;
  @ApiProperty({ description: 'days past the deadline (negative: days left)' }) days_late: number;
}

export class DashboardResponse {
  @ApiProperty({ format: 'uuid' }) program_id: string;
  @ApiProperty() fiscal_year: number;
  @ApiProperty({ description: 'the Tokyo date the figures are judged on' }) today: string;
  @ApiProperty({ description: 'applications per state', example: Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) }) counts: Record<string, number>;
  @ApiProperty({ type: LedgerResponse }) ledger: LedgerResponse;
  @ApiProperty({ type: [ReportDueResponse], description: 'approved, results report past its deadline' }) reports_overdue: ReportDueResponse[];
  @ApiProperty({ type: [ReportDueResponse], description: 'approved, results report due within 7 days' }) reports_due_soon: ReportDueResponse[];
  @ApiProperty({ description: 'days from first submission to decision: {decided, median, p90}' }) decision_days: { decided: number; median: number | null; p90: number | null };
}

const dueOf = (r: ReportDue): ReportDueResponse => ({ id: r.id, company_name: r.companyName, report_due_on: r.reportDueOn, approved_yen: Number(r.approvedYen), days_late: r.daysLate });

export function toDashboardResponse(d: SubsidyDashboard): DashboardResponse {
  return {
    program_id: d.program.id,
    fiscal_year: d.program.fiscalYear,
    today: d.today,
    counts: d.counts,
    ledger: toLedgerResponse(d.ledger),
    reports_overdue: d.overdue.map(dueOf),
    reports_due_soon: d.dueSoon.map(dueOf),
    decision_days: d.decisionDays,
  };
}
