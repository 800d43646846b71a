import { ApiProperty } from '@nestjs/swagger';
import { NOTICE_KINDS, type NoticeKind } from './notice-input.js';
import type { NoticeRow } from './notices.repository.js';

export class NoticeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTICE_KINDS, description: 'decision: 交付決定通知書 (or 変更交付決定通知書), rejection: 不交付決定通知書, confirmation: 額確定通知書' }) kind: NoticeKind;
  @ApiProperty({ description: 'in the programme\'s format, numbered per fiscal year (旭女活第12号)' }) number: string;
  @ApiProperty({ description: 'ISO date (Tokyo)' }) issued_on: string;
  @ApiProperty({ enum: ['queued', 'rendering', 'done', 'failed'] }) status: NoticeRow['status'];
  @ApiProperty({ nullable: true, type: String, description: 'the PDF, once rendered' }) pdf_url: string | null;
}

/** A row of the register (staff): the notice with whom it was for and its amount. */
export class NoticeRegisterResponse extends NoticeResponse {
  @ApiProperty({ format: 'uuid' }) application_id: string;
  @ApiProperty({ format: 'uuid' }) program_id: string;
  @ApiProperty() company_name: string;
  @ApiProperty({ nullable: true, type: Number, description: 'decision: granted; confirmation: confirmed; rejection: null' }) amount_yen: number | null;
  @ApiProperty({ description: '変更交付決定 (a change request\'s decision)' }) change: boolean;
}

export function toNoticeResponse(n: NoticeRow): NoticeResponse {
  return { id: n.id, kind: n.kind, number: n.number, issued_on: n.issued_on, status: n.status, pdf_url: n.status === 'done' ? `/api/v1/subsidy-notices/${n.id}/pdf` : null };
}

export function toNoticeRegisterResponse(n: NoticeRow): NoticeRegisterResponse {
  return { ...toNoticeResponse(n), application_id: n.application_id, program_id: n.program_id, company_name: n.company_name, amount_yen: n.amount_yen === null ? null : Number(n.amount_yen), change: n.change };
}
