import type { LedgerMovementRow } from '../dashboard/subsidy-dashboard.repository.js';
import { ledgerCsvRows, ledgerDeltaOf } from './ledger-export.js';
import { toCsv } from './csv.js';

const at = new Date('2026-11-29T01:05:00Z'); // 10:05 in Tokyo
const move = (action: string, detail: Record<string, unknown>, id = 'a1'): LedgerMovementRow => ({ id: '1', at, action, application_id: id, company_name: '株式会社テスト', notice: null, detail });
const label = { action: (a: string) => a };

describe('the ledger CSV (予算執行簿)', () => {
  it('reads each movement as the transitions wrote it', () => {
    expect(ledgerDeltaOf('approve', { amount_yen: '75000' })).toEqual({ committed: 75000n, confirmed: 0n, paid: 0n });
    expect(ledgerDeltaOf('withdraw', { released_yen: '75000' })).toEqual({ committed: -75000n, confirmed: 0n, paid: 0n });
    expect(ledgerDeltaOf('approve-change', { amount_yen: '90000', previous_yen: '75000' })).toEqual({ committed: 15000n, confirmed: 0n, paid: 0n });
    expect(ledgerDeltaOf('confirm', { confirmed_yen: '60000', released_yen: '15000' })).toEqual({ committed: -75000n, confirmed: 60000n, paid: 0n });
    expect(ledgerDeltaOf('pay', { amount_yen: '60000' })).toEqual({ committed: 0n, confirmed: -60000n, paid: 60000n });
  });

  it('keeps running totals that end at the programme ledger, then the totals line', () => {
    const movements = [move('approve', { amount_yen: '75000' }), move('approve', { amount_yen: '50000' }, 'a2'), move('confirm', { confirmed_yen: '60000', released_yen: '15000' }), move('pay', { amount_yen: '60000' }), move('withdraw', { released_yen: '50000' }, 'a2')];
    const { rows, reconciles } = ledgerCsvRows(1_000_000n, movements, { budgetYen: 1_000_000n, committedYen: 0n, confirmedYen: 0n, paidYen: 60_000n, availableYen: 940_000n }, label);
    expect(reconciles).toBe(true);
    expect(rows[1]).toEqual([null, '予算', null, null, null, null, null, null, 0n, 0n, 0n, 1_000_000n]);
    expect(rows[2]!.slice(0, 2)).toEqual(['2026/11/29 10:05', 'approve']);
    expect(rows[3]!.slice(8)).toEqual([125000n, 0n, 0n, 875000n]);
    expect(rows.at(-1)).toEqual(['合計', null, null, null, null, 0n, 0n, 60000n, 0n, 0n, 60000n, 940000n]);
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFF日時,処理,')).toBe(true);
    expect(csv.endsWith('合計,,,,,0,0,60000,0,0,60000,940000\r\n')).toBe(true);
  });

  it('says when the movements do not add up to the ledger', () => {
    const { reconciles } = ledgerCsvRows(100n, [move('approve', { amount_yen: '10' })], { budgetYen: 100n, committedYen: 20n, confirmedYen: 0n, paidYen: 0n, availableYen: 80n }, label);
    expect(reconciles).toBe(false);
  });
});
