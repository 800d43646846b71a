import { Injectable } from '@nestjs/common';
import { Clock, tokyoDate } from '@hokenshitsu/core';
import { APPLICATION_STATES, type ApplicationState } from '../applications/application-states.js';
import { applicationsCsvRows } from '../exports/applications-export.js';
import { toCsv } from '../exports/csv.js';
import { ledgerCsvRows } from '../exports/ledger-export.js';
import { ledgerOf, type Ledger, type SubsidyProgram } from '../programs/subsidy-program.entity.js';
import { SubsidyProgramsService } from '../programs/subsidy-programs.service.js';
import { addDays, daysBetween } from '../rules/subsidy-dates.js';
import { SubsidyDashboardRepository } from './subsidy-dashboard.repository.js';

/** Days a report may come due and still be "due soon" on the dashboard. */
export const DUE_SOON_DAYS = 7;

export interface ReportDue {
  id: string;
  companyName: string;
  reportDueOn: string;
  approvedYen: bigint;
  /** Positive: days past the deadline; zero or negative: days left (as −n). */
  daysLate: number;
}

export interface SubsidyDashboard {
  program: SubsidyProgram;
  today: string;
  counts: Record<ApplicationState, number>;
  ledger: Ledger;
  overdue: ReportDue[];
  dueSoon: ReportDue[];
  decisionDays: { decided: number; median: number | null; p90: number | null };
}

/** The words the CSVs use for codes (Japanese: the city's accounting reads them). */
export interface CsvLabels {
  state(s: string): string;
  industry(code: string): string;
  action(a: string): string;
}

/**
 * What city staff watch for a programme: where applications stand, the budget, reports late or
 * coming due, how long companies wait for a decision; and the CSVs the accounting reconciles.
 */
@Injectable()
export class SubsidyDashboardService {
  constructor(
    private readonly repository: SubsidyDashboardRepository,
    private readonly programs: SubsidyProgramsService,
    private readonly clock: Clock,
  ) {}

  async dashboard(programId: string): Promise<SubsidyDashboard> {
    const program = await this.programs.get(programId);
    const today = tokyoDate(this.clock.now());
    const [byState, overdue, dueSoon, time] = await Promise.all([
      this.repository.countsByState(program.id),
      this.repository.reportsDue(program.id, null, today),
      this.repository.reportsDue(program.id, today, addDays(today, DUE_SOON_DAYS + 1)),
      this.repository.decisionTime(program.id),
    ]);
    const counts = Object.fromEntries(APPLICATION_STATES.map((s) => [s, byState[s] ?? 0])) as Record<ApplicationState, number>;
    const due = (r: { id: string; company_name: string; report_due_on: string; approved_yen: string }): ReportDue => ({
      id: r.id, companyName: r.company_name, reportDueOn: r.report_due_on, approvedYen: BigInt(r.approved_yen), daysLate: daysBetween(r.report_due_on, today),
    });
    const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      program,
      today,
      counts,
      ledger: ledgerOf(program),
      overdue: overdue.map(due),
      dueSoon: dueSoon.map(due),
      decisionDays: { decided: time.decided, median: round1(time.median_days), p90: round1(time.p90_days) },
    };
  }

  /** 交付申請一覧 as CSV text (BOM, CRLF) and its file name. */
  async applicationsCsv(programId: string, labels: CsvLabels): Promise<{ fileName: string; asciiName: string; csv: string }> {
    const program = await this.programs.get(programId);
    const rows = await this.repository.exportApplications(program.id);
    return { fileName: `交付申請一覧_${program.fiscalYear}年度.csv`, asciiName: `subsidy-applications-FY${program.fiscalYear}.csv`, csv: toCsv(applicationsCsvRows(rows, labels)) };
  }

  /** 予算執行簿: every money movement with running totals, then the totals. */
  async ledgerCsv(programId: string, labels: CsvLabels): Promise<{ fileName: string; asciiName: string; csv: string; reconciles: boolean }> {
    const program = await this.programs.get(programId);
    const movements = await this.repository.ledgerMovements(program.id);
    const { rows, reconciles } = ledgerCsvRows(program.budgetYen, movements, ledgerOf(program), labels);
    return { fileName: `予算執行簿_${program.fiscalYear}年度.csv`, asciiName: `subsidy-ledger-FY${program.fiscalYear}.csv`, csv: toCsv(rows), reconciles };
  }
}
