import type { LedgerMovementRow } from '../dashboard/subsidy-dashboard.repository.js';
import type { Ledger } from '../programs/subsidy-program.entity.js';
import { csvDateTime } from './csv-values.js';

type Cell = string | bigint | null;

/** How one money movement changes the ledger's columns (yen deltas). */
export interface LedgerDelta {
  committed: bigint;
  confirmed: bigint;
  paid: bigint;
}

const big = (v: unknown): bigint => (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : 0n);

/**
 * The delta an audit event made, read from its detail exactly as ApplicationTransitionsService
 * wrote it: approve (+committed), withdraw after approval (−committed), approve-change (±the
 * difference), confirm (−approved from committed, +confirmed), pay (confirmed → paid).
 */
export function ledgerDeltaOf(action: string, detail: Record<string, unknown>): LedgerDelta {
  switch (action) {
    case 'approve': return { committed: big(detail.amount_yen), confirmed: 0n, paid: 0n };
    case 'withdraw': return { committed: -big(detail.released_yen), confirmed: 0n, paid: 0n };
    case 'approve-change': return { committed: big(detail.amount_yen) - big(detail.previous_yen), confirmed: 0n, paid: 0n };
    case 'confirm': return { committed: -(big(detail.confirmed_yen) + big(detail.released_yen)), confirmed: big(detail.confirmed_yen), paid: 0n };
    case 'pay': return { committed: 0n, confirmed: -big(detail.amount_yen), paid: big(detail.amount_yen) };
    default: return { committed: 0n, confirmed: 0n, paid: 0n };
  }
}

export const LEDGER_CSV_HEADER = [
  '日時', '処理', '申請ID', '事業者名', '通知番号', '交付決定額の増減', '確定額の増減', '支払額', '交付決定済み（未確定）', '確定済み（未払）', '支払済み', '残額',
];

/**
 * 予算執行簿: one line per money movement with the running totals after it, then the totals line
 * with the budget, so an accountant can reconcile: the last running figures equal the totals, and
 * the totals equal the programme's ledger (`reconciles` says whether they do).
 */
export function ledgerCsvRows(budgetYen: bigint, movements: LedgerMovementRow[], ledger: Ledger, label: { action(a: string): string }): { rows: Cell[][]; reconciles: boolean } {
  let committed = 0n;
  let confirmed = 0n;
  let paid = 0n;
  const lines: Cell[][] = movements.map((m) => {
    const d = ledgerDeltaOf(m.action, m.detail);
    committed += d.committed;
    confirmed += d.confirmed;
    paid += d.paid;
    return [csvDateTime(new Date(m.at)), label.action(m.action), m.application_id, m.company_name, m.notice, d.committed, d.confirmed, d.paid, committed, confirmed, paid, budgetYen - committed - confirmed - paid];
  });
  const reconciles = committed === ledger.committedYen && confirmed === ledger.confirmedYen && paid === ledger.paidYen;
  return {
    rows: [
      LEDGER_CSV_HEADER,
      // The opening line: the whole budget available, nothing committed yet.
      [null, '予算', null, null, null, null, null, null, 0n, 0n, 0n, budgetYen],
      ...lines,
      ['合計', null, null, null, null, committed, confirmed, paid, ledger.committedYen, ledger.confirmedYen, ledger.paidYen, ledger.availableYen],
    ],
    reconciles,
  };
}
