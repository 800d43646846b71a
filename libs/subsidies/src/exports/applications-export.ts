import type { ExportApplicationRow } from '../dashboard/subsidy-dashboard.repository.js';
import { csvDate, csvYen } from './csv-values.js';

type Cell = string | number | null;

/** The columns of 交付申請一覧 as the city's accounting reads them. */
export const APPLICATIONS_CSV_HEADER = [
  '申請ID', '事業者名', '法人番号', '業種', '状態', '面談する従業員数', '1人あたり面談回数', '1回あたり時間（分）', '1回あたり費用',
  '補助対象経費', '交付申請額', '交付決定額', '確定額', '申請日', '決定日', '交付決定通知番号', '実績報告期限', '実績報告日',
  '額確定通知番号', '支払日',
];

/** One line per application (drafts are the company's own and not yet the city's business). */
export function applicationsCsvRows(rows: ExportApplicationRow[], label: { state(s: string): string; industry(code: string): string }): Cell[][] {
  return [
    APPLICATIONS_CSV_HEADER,
    ...rows.map((r) => [
      r.id, r.company_name, r.corporate_number, label.industry(r.industry), label.state(r.state), r.employees, r.sessions_per_employee,
      r.minutes_per_session, csvYen(r.price_per_session_yen), csvYen(r.eligible_cost_yen), csvYen(r.requested_yen), csvYen(r.approved_yen),
      csvYen(r.confirmed_yen), csvDate(r.first_submitted_at), csvDate(r.decided_at), r.decision_notice, csvDate(r.report_due_on),
      csvDate(r.reported_at), r.confirmation_notice, csvDate(r.paid_on),
    ]),
  ];
}
