import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { yenColumn } from '../rules/yen-column.js';
import type { SmeCategory } from '../rules/eligibility-rules.js';
import type { ApplicationState, Target } from './application-states.js';

export interface ReturnedField {
  field: string;
  comment: string;
}

/** 変更承認申請: the plan's new figures and why. */
export interface PendingChange {
  employees: number;
  sessions_per_employee: number;
  minutes_per_session: number;
  price_per_session_yen: string;
  period_end: string;
  reason: string;
  requested_yen: string;
  requested_at: string;
}

export interface BankAccount {
  bank_name: string;
  branch_name: string;
  account_type: 'ordinary' | 'current';
  account_number: string;
  account_holder_kana: string;
}

@Entity({ name: 'subsidy_applications' })
export class SubsidyApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'program_id', type: 'uuid' }) programId: string;
  @Column({ name: 'company_id', type: 'uuid' }) companyId: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ type: 'text' }) state: ApplicationState;
  /** Bumped by every change: a draft saved from a stale form is refused, never merged silently. */
  @Column({ type: 'integer' }) revision: number;
  @Column({ type: 'integer', nullable: true }) employees: number | null;
  @Column({ type: 'text', nullable: true }) target: Target | null;
  @Column({ name: 'target_note', type: 'text', nullable: true }) targetNote: string | null;
  @Column({ name: 'sessions_per_employee', type: 'integer', nullable: true }) sessionsPerEmployee: number | null;
  @Column({ name: 'minutes_per_session', type: 'integer', nullable: true }) minutesPerSession: number | null;
  @Column({ name: 'price_per_session_yen', type: 'bigint', nullable: true, transformer: yenColumn }) pricePerSessionYen: bigint | null;
  @Column({ name: 'consultant_name', type: 'text', nullable: true }) consultantName: string | null;
  @Column({ name: 'consultant_registration_no', type: 'text', nullable: true }) consultantRegistrationNo: string | null;
  @Column({ name: 'period_start', type: 'date', nullable: true }) periodStart: string | null;
  @Column({ name: 'period_end', type: 'date', nullable: true }) periodEnd: string | null;
  @Column({ name: 'sme_category', type: 'text', nullable: true }) smeCategory: SmeCategory | null;
  @Column({ name: 'no_other_subsidy', type: 'boolean' }) noOtherSubsidy: boolean;
  @Column({ name: 'eligible_cost_yen', type: 'bigint', nullable: true, transformer: yenColumn }) eligibleCostYen: bigint | null;
  @Column({ name: 'requested_yen', type: 'bigint', nullable: true, transformer: yenColumn }) requestedYen: bigint | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'first_submitted_at', type: 'timestamptz', nullable: true }) firstSubmittedAt: Date | null;
  @Column({ name: 'return_comment', type: 'text', nullable: true }) returnComment: string | null;
  @Column({ name: 'return_fields', type: 'jsonb', nullable: true }) returnFields: ReturnedField[] | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ name: 'approved_yen', type: 'bigint', nullable: true, transformer: yenColumn }) approvedYen: bigint | null;
  @Column({ name: 'report_due_on', type: 'date', nullable: true }) reportDueOn: string | null;
  @Column({ name: 'pending_change', type: 'jsonb', nullable: true }) pendingChange: PendingChange | null;
  @Column({ name: 'sessions_held', type: 'integer', nullable: true }) sessionsHeld: number | null;
  @Column({ name: 'actual_cost_yen', type: 'bigint', nullable: true, transformer: yenColumn }) actualCostYen: bigint | null;
  @Column({ name: 'case_story', type: 'text', nullable: true }) caseStory: string | null;
  @Column({ name: 'publish_case_story', type: 'boolean' }) publishCaseStory: boolean;
  @Column({ name: 'case_story_status', type: 'text' }) caseStoryStatus: 'none' | 'pending' | 'published' | 'declined';
  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true }) reportedAt: Date | null;
  @Column({ name: 'confirmed_yen', type: 'bigint', nullable: true, transformer: yenColumn }) confirmedYen: bigint | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Column({ name: 'bank_account', type: 'jsonb', nullable: true }) bankAccount: BankAccount | null;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt: Date | null;
  @Column({ name: 'paid_on', type: 'date', nullable: true }) paidOn: string | null;
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
