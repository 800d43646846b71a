import { ApiProperty } from '@nestjs/swagger';
import { ledgerOf, type Ledger, type SubsidyProgram } from './subsidy-program.entity.js';

export class LedgerResponse {
  @ApiProperty() budget_yen: number;
  @ApiProperty({ description: 'approved, not yet confirmed' }) committed_yen: number;
  @ApiProperty({ description: 'confirmed (額の確定), not yet paid' }) confirmed_yen: number;
  @ApiProperty() paid_yen: number;
  @ApiProperty() available_yen: number;
}

export class ProgramResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fiscal_year: number;
  @ApiProperty() name: string;
  @ApiProperty() municipality: string;
  @ApiProperty() issuer: string;
  @ApiProperty() budget_yen: number;
  @ApiProperty() rate_numerator: number;
  @ApiProperty() rate_denominator: number;
  @ApiProperty() cap_per_company_yen: number;
  @ApiProperty() max_price_per_session_yen: number;
  @ApiProperty() min_minutes_per_session: number;
  @ApiProperty() max_sessions_per_employee: number;
  @ApiProperty() rounding_yen: number;
  @ApiProperty() opens_on: string;
  @ApiProperty() closes_on: string;
  @ApiProperty() report_due_days: number;
  @ApiProperty({ nullable: true, type: String }) report_due_on: string | null;
  @ApiProperty() withdrawal_days: number;
  @ApiProperty() notice_number_format: string;
  @ApiProperty({ nullable: true, type: String }) staff_email: string | null;
  @ApiProperty({ description: 'whether any budget is left to approve' }) budget_remains: boolean;
  @ApiProperty({ type: LedgerResponse, required: false, description: 'city staff only' }) ledger?: LedgerResponse;
}

export function toLedgerResponse(l: Ledger): LedgerResponse {
  return {
    budget_yen: Number(l.budgetYen),
    committed_yen: Number(l.committedYen),
    confirmed_yen: Number(l.confirmedYen),
    paid_yen: Number(l.paidYen),
    available_yen: Number(l.availableYen),
  };
}

/** Companies read the terms and whether budget remains; the ledger's figures are for city staff. */
export function toProgramResponse(p: SubsidyProgram, withLedger: boolean): ProgramResponse {
  const ledger = ledgerOf(p);
  const body: ProgramResponse = {
    id: p.id,
    fiscal_year: p.fiscalYear,
    name: p.name,
    municipality: p.municipality,
    issuer: p.issuer,
    budget_yen: Number(p.budgetYen),
    rate_numerator: p.rateNumerator,
    rate_denominator: p.rateDenominator,
    cap_per_company_yen: Number(p.capPerCompanyYen),
    max_price_per_session_yen: Number(p.maxPricePerSessionYen),
    min_minutes_per_session: p.minMinutesPerSession,
    max_sessions_per_employee: p.maxSessionsPerEmployee,
    rounding_yen: p.roundingYen,
    opens_on: p.opensOn,
    closes_on: p.closesOn,
    report_due_days: p.reportDueDays,
    report_due_on: p.reportDueOn,
    withdrawal_days: p.withdrawalDays,
    notice_number_format: p.noticeNumberFormat,
    staff_email: p.staffEmail,
    budget_remains: ledger.availableYen > 0n,
  };
  if (withLedger) body.ledger = toLedgerResponse(ledger);
  return body;
}
