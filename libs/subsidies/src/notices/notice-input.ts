/**
 * What an official notice says, frozen when it is issued (the row's `data`): the PDF can be
 * rendered again at any time and still say exactly what was decided that day.
 */
export const NOTICE_KINDS = ['decision', 'rejection', 'confirmation'] as const;
/** decision: 交付決定通知書 (also a change's 変更交付決定), rejection: 不交付決定通知書, confirmation: 額確定通知書. */
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeData {
  /** 交付決定 on a change request (変更承認申請) rather than the first decision. */
  change: boolean;
  programName: string;
  fiscalYear: number;
  issuer: string;
  municipality: string;
  companyName: string;
  companyAddress: string;
  /** The application's date (first submission), ISO date in Tokyo. */
  appliedOn: string;
  /** The amount applied for (交付申請額), yen. */
  requestedYen: number;
  /** decision: the amount granted; confirmation: the amount approved before confirmation. */
  approvedYen: number | null;
  /** confirmation: the confirmed amount (確定額). */
  confirmedYen: number | null;
  /** rejection: why; decision below the request: why lowered. */
  reason: string | null;
  /** decision: planned sessions, period and consultant, as decided. */
  plan: {
    employees: number;
    sessionsPerEmployee: number;
    minutesPerSession: number;
    pricePerSessionYen: number;
    periodStart: string;
    periodEnd: string;
    consultantName: string;
  } | null;
  /** decision: conditions (results report due date, withdrawal deadline). */
  reportDueOn: string | null;
  withdrawalLastDay: string | null;
  /** confirmation: what was held and spent. */
  results: { sessionsHeld: number; actualCostYen: number } | null;
}

/** A notice as the template renders it. */
export interface NoticeInput {
  kind: NoticeKind;
  number: string;
  /** ISO date; shown in 和暦 (令和8年4月1日). */
  issuedOn: string;
  data: NoticeData;
}
