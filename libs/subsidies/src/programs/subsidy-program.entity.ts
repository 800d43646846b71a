import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { yenColumn } from '../rules/yen-column.js';
import type { SubsidyTerms } from '../rules/subsidy-rules.js';

/** A fiscal year's Self-Career-Dock subsidy: its terms and its budget's running totals. */
@Entity({ name: 'subsidy_programs' })
export class SubsidyProgram {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear: number;
  @Column({ type: 'text' }) name: string;
  /** The city an applicant must be located in (its address names it). */
  @Column({ type: 'text' }) municipality: string;
  /** Who signs the notices (旭川市長). */
  @Column({ type: 'text' }) issuer: string;
  @Column({ name: 'budget_yen', type: 'bigint', transformer: yenColumn }) budgetYen: bigint;
  @Column({ name: 'rate_numerator', type: 'integer' }) rateNumerator: number;
  @Column({ name: 'rate_denominator', type: 'integer' }) rateDenominator: number;
  @Column({ name: 'cap_per_company_yen', type: 'bigint', transformer: yenColumn }) capPerCompanyYen: bigint;
  @Column({ name: 'max_price_per_session_yen', type: 'bigint', transformer: yenColumn }) maxPricePerSessionYen: bigint;
  @Column({ name: 'min_minutes_per_session', type: 'integer' }) minMinutesPerSession: number;
  @Column({ name: 'max_sessions_per_employee', type: 'integer' }) maxSessionsPerEmployee: number;
  @Column({ name: 'rounding_yen', type: 'integer' }) roundingYen: number;
  @Column({ name: 'opens_on', type: 'date' }) opensOn: string;
  @Column({ name: 'closes_on', type: 'date' }) closesOn: string;
  @Column({ name: 'report_due_days', type: 'integer' }) reportDueDays: number;
  @Column({ name: 'report_due_on', type: 'date', nullable: true }) reportDueOn: string | null;
  @Column({ name: 'withdrawal_days', type: 'integer' }) withdrawalDays: number;
  /** e.g. 旭女活第{n}号: {n} is the notice's number in its fiscal year. */
  @Column({ name: 'notice_number_format', type: 'text' }) noticeNumberFormat: string;
  /** The subsidy desk's shared mailbox (窓口): where mails for city staff go; null sends none. */
  @Column({ name: 'staff_email', type: 'text', nullable: true }) staffEmail: string | null;
  /** Approved, not yet confirmed. */
  @Column({ name: 'committed_yen', type: 'bigint', transformer: yenColumn }) committedYen: bigint;
  /** Confirmed (額の確定), not yet paid. */
  @Column({ name: 'confirmed_yen', type: 'bigint', transformer: yenColumn }) confirmedYen: bigint;
  @Column({ name: 'paid_yen', type: 'bigint', transformer: yenColumn }) paidYen: bigint;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export function termsOf(p: SubsidyProgram): SubsidyTerms {
  return {
    rateNumerator: p.rateNumerator,
    rateDenominator: p.rateDenominator,
    capPerCompanyYen: p.capPerCompanyYen,
    maxPricePerSessionYen: p.maxPricePerSessionYen,
    minMinutesPerSession: p.minMinutesPerSession,
    maxSessionsPerEmployee: p.maxSessionsPerEmployee,
    roundingYen: p.roundingYen,
  };
}

export interface Ledger {
  budgetYen: bigint;
  committedYen: bigint;
  confirmedYen: bigint;
  paidYen: bigint;
  availableYen: bigint;
}

export function ledgerOf(p: SubsidyProgram): Ledger {
  return {
    budgetYen: p.budgetYen,
    committedYen: p.committedYen,
    confirmedYen: p.confirmedYen,
    paidYen: p.paidYen,
    availableYen: p.budgetYen - p.committedYen - p.confirmedYen - p.paidYen,
  };
}
