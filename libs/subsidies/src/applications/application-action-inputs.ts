import type { ApproveApplicationDto, ApproveChangeDto, ChangeRequestDto, ClaimDto, PayDto, ReasonDto, ReportResultsDto, ReturnApplicationDto } from './application-actions.dto.js';

/** Each action's validated body (the same DTOs the API and the pages read). */
export interface ApplicationActionInput {
  submit: undefined;
  withdraw: undefined;
  return: ReturnApplicationDto;
  approve: ApproveApplicationDto;
  reject: ReasonDto;
  report: ReportResultsDto;
  confirm: undefined;
  claim: ClaimDto;
  pay: PayDto;
  'change-request': ChangeRequestDto;
  'approve-change': ApproveChangeDto;
  'refuse-change': ReasonDto;
}

export type ApplicationApproveChange = ApproveChangeDto;
