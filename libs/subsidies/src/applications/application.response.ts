import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { tokyoDate } from '@hokenshitsu/core';
import { actionsFor, type Actor, type ApplicationAction, type ApplicationState } from './application-states.js';
import type { BankAccount, ReturnedField, SubsidyApplication } from './subsidy-application.entity.js';

const yen = (v: bigint | null): number | null => (v === null ? null : Number(v));

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() state: ApplicationState;
  @ApiProperty() revision: number;
  @ApiProperty({ format: 'uuid' }) program_id: string;
  @ApiProperty({ format: 'uuid' }) company_id: string;
  @ApiProperty({ nullable: true, type: Number }) employees: number | null;
  @ApiProperty({ nullable: true, type: String }) target: string | null;
  @ApiProperty({ nullable: true, type: String }) target_note: string | null;
  @ApiProperty({ nullable: true, type: Number }) sessions_per_employee: number | null;
  @ApiProperty({ nullable: true, type: Number }) minutes_per_session: number | null;
  @ApiProperty({ nullable: true, type: Number }) price_per_session_yen: number | null;
  @ApiProperty({ nullable: true, type: String }) consultant_name: string | null;
  @ApiProperty({ nullable: true, type: String }) consultant_registration_no: string | null;
  @ApiProperty({ nullable: true, type: String }) period_start: string | null;
  @ApiProperty({ nullable: true, type: String }) period_end: string | null;
  @ApiProperty({ nullable: true, type: String }) sme_category: string | null;
  @ApiProperty() no_other_subsidy: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'computed from the plan and the programme\'s terms' }) eligible_cost_yen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the subsidy the plan computes to (交付申請額)' }) requested_yen: number | null;
  @ApiProperty({ nullable: true, type: Number }) approved_yen: number | null;
  @ApiProperty({ nullable: true, type: Number }) confirmed_yen: number | null;
  @ApiProperty({ nullable: true, type: String }) submitted_at: string | null;
  @ApiProperty({ nullable: true, type: String }) decided_at: string | null;
  @ApiProperty({ nullable: true, type: String }) decision_reason: string | null;
  @ApiProperty({ nullable: true, type: String }) return_comment: string | null;
  @ApiProperty({ nullable: true, description: '[{field, comment}]: what to correct' }) return_fields: ReturnedField[] | null;
  @ApiProperty({ nullable: true, type: String }) report_due_on: string | null;
  @ApiProperty() report_overdue: boolean;
  @ApiPropertyOptional({ nullable: true }) pending_change: unknown;
  @ApiProperty({ nullable: true, type: Number }) sessions_held: number | null;
  @ApiProperty({ nullable: true, type: Number }) actual_cost_yen: number | null;
  @ApiProperty({ nullable: true, type: String }) case_story: string | null;
  @ApiProperty() publish_case_story: boolean;
  @ApiProperty() case_story_status: string;
  @ApiProperty({ nullable: true, type: String }) reported_at: string | null;
  @ApiProperty({ nullable: true }) bank_account: BankAccount | null;
  @ApiProperty({ nullable: true, type: String }) paid_on: string | null;
  @ApiProperty({ description: 'what the caller may do next' }) actions: ApplicationAction[];
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

/** `today`: the Tokyo date the overdue flag is judged on. */
export function toApplicationResponse(a: SubsidyApplication, actor: Actor, today: string): ApplicationResponse {
  const reportedLate = a.reportedAt !== null && a.reportDueOn !== null && tokyoDate(a.reportedAt) > a.reportDueOn;
  const lateNow = a.state === 'approved' && a.reportDueOn !== null && today > a.reportDueOn;
  return {
    id: a.id,
    state: a.state,
    revision: a.revision,
    program_id: a.programId,
    company_id: a.companyId,
    employees: a.employees,
    target: a.target,
    target_note: a.targetNote,
    sessions_per_employee: a.sessionsPerEmployee,
    minutes_per_session: a.minutesPerSession,
    price_per_session_yen: yen(a.pricePerSessionYen),
    consultant_name: a.consultantName,
    consultant_registration_no: a.consultantRegistrationNo,
    period_start: a.periodStart,
    period_end: a.periodEnd,
    sme_category: a.smeCategory,
    no_other_subsidy: a.noOtherSubsidy,
    eligible_cost_yen: yen(a.eligibleCostYen),
    requested_yen: yen(a.requestedYen),
    approved_yen: yen(a.approvedYen),
    confirmed_yen: yen(a.confirmedYen),
    submitted_at: a.submittedAt?.toISOString() ?? null,
    decided_at: a.decidedAt?.toISOString() ?? null,
    decision_reason: a.decisionReason,
    return_comment: a.returnComment,
    return_fields: a.returnFields,
    report_due_on: a.reportDueOn,
    report_overdue: reportedLate || lateNow,
    pending_change: a.pendingChange,
    sessions_held: a.sessionsHeld,
    actual_cost_yen: yen(a.actualCostYen),
    case_story: a.caseStory,
    publish_case_story: a.publishCaseStory,
    case_story_status: a.caseStoryStatus,
    reported_at: a.reportedAt?.toISOString() ?? null,
    bank_account: a.bankAccount,
    paid_on: a.paidOn,
    actions: actionsFor(a.state, actor).filter((x) => (x === 'approve-change' || x === 'refuse-change' ? a.pendingChange !== null : x === 'change-request' ? a.pendingChange === null : true)),
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

/** The create answer's contract: `{id, state, eligible_cost_yen, requested_yen}` (and the rest of the application). */
export type DraftResponse = ApplicationResponse;
