import type { NoticeData, NoticeInput } from '../notice-input.js';
import { noticeDocument } from './notice-document.js';
import { yenText } from './notice-view.js';

const data: NoticeData = {
  change: false,
  programName: '旭川市セルフ・キャリアドック導入支援補助金',
  fiscalYear: 2026,
  issuer: '旭川市長',
  municipality: '旭川市',
  companyName: '株式会社テスト製作所',
  companyAddress: '北海道旭川市6条通9丁目',
  appliedOn: '2026-05-11',
  requestedYen: 150_000,
  approvedYen: 150_000,
  confirmedYen: null,
  reason: null,
  plan: { employees: 5, sessionsPerEmployee: 2, minutesPerSession: 45, pricePerSessionYen: 15_000, periodStart: '2026-06-01', periodEnd: '2026-12-31', consultantName: '山田花子' },
  reportDueOn: '2027-01-30',
  withdrawalLastDay: '2026-05-30',
  results: null,
};

const notice = (kind: NoticeInput['kind'], d: Partial<NoticeData> = {}): NoticeInput => ({ kind, number: '旭女活第12号', issuedOn: '2026-05-20', data: { ...data, ...d } });
/** The document's text as a reader gets it: tags dropped, whitespace collapsed. */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('noticeDocument', () => {
  it('lays out a 交付決定通知書: number and 和暦 date, addressee 様, issuer, body, 記 with amount, plan and conditions', () => {
    const doc = noticeDocument(notice('decision'));
    expect(doc.lang).toBe('ja');
    expect(doc.title).toBe('交付決定通知書（旭女活第12号）');
    expect(doc.html).toMatch(/^<!DOCTYPE html>\s*<html lang="ja" class="official-notice">/);
    const t = text(doc.html);
    expect(t).toContain('旭女活第12号 令和8年5月20日');
    expect(t).toContain('株式会社テスト製作所 様');
    expect(t).toContain('旭川市長');
    expect(t).toContain('令和8年5月11日付けで申請のあった旭川市セルフ・キャリアドック導入支援補助金について、下記のとおり交付することに決定したので通知します。');
    expect(t).toContain('1 交付決定額 金150,000円');
    expect(t).not.toContain('交付申請額');
    expect(t).toContain('対象従業員数 5人');
    expect(t).toContain('1回あたりの相談時間 45分');
    expect(t).toContain('キャリアコンサルタント 山田花子');
    expect(t).toContain('令和8年6月1日から令和8年12月31日まで');
    expect(t).toContain('令和9年1月30日までに実績報告書');
    expect(t).toContain('令和8年5月30日までに申請を取り下げることができます');
    expect(t).not.toContain('減額した理由');
    expect(t).not.toContain('教示');
    expect(doc.html).toContain('@font-face');
  });

  it('names the change decision 変更交付決定通知書 and gives the reason when the amount is below the request', () => {
    const doc = noticeDocument(notice('decision', { change: true, approvedYen: 120_000, reason: '単価が上限を超えるため' }));
    expect(doc.title).toBe('変更交付決定通知書（旭女活第12号）');
    const t = text(doc.html);
    expect(t).toContain('1 変更後の交付決定額 金120,000円');
    expect(t).toContain('交付申請額 金150,000円');
    expect(t).toContain('交付申請額から減額した理由 単価が上限を超えるため');
  });

  it('gives a 不交付決定通知書 its reason and the 教示 (審査請求 3 months, 取消訴訟 6 months)', () => {
    const doc = noticeDocument(notice('rejection', { approvedYen: null, reason: '市内に事業所がないため' }));
    expect(doc.title).toBe('不交付決定通知書（旭女活第12号）');
    const t = text(doc.html);
    expect(t).toContain('下記の理由により交付しないことに決定したので通知します');
    expect(t).toContain('不交付の理由 市内に事業所がないため');
    expect(t).toContain('教示');
    expect(t).toContain('3か月以内に、旭川市長に対して審査請求をすることができます（行政不服審査法第4条）');
    expect(t).toContain('6か月以内に、旭川市を被告として');
  });

  it('gives a 額確定通知書 the approved and confirmed amounts and the results', () => {
    const doc = noticeDocument(notice('confirmation', { approvedYen: 150_000, confirmedYen: 135_000, results: { sessionsHeld: 9, actualCostYen: 270_000 } }));
    expect(doc.title).toBe('額確定通知書（旭女活第12号）');
    const t = text(doc.html);
    expect(t).toContain('実績報告書の内容を審査した結果、下記のとおり補助金の額を確定したので通知します');
    expect(t).toContain('1 交付決定額 金150,000円');
    expect(t).toContain('2 補助金の確定額 金135,000円');
    expect(t).toContain('実施した相談回数 9回');
    expect(t).toContain('補助対象経費の実支出額 金270,000円');
  });

  it('escapes what the company typed', () => {
    const doc = noticeDocument(notice('decision', { companyName: '<script>x</script>株式会社' }));
    expect(doc.html).not.toContain('<script>x');
    expect(doc.html).toContain('&lt;script&gt;x&lt;/script&gt;株式会社');
  });

  it('writes yen as 金 with thousands grouped', () => {
    expect(yenText(0)).toBe('金0円');
    expect(yenText(999)).toBe('金999円');
    expect(yenText(150000)).toBe('金150,000円');
    expect(yenText(1234567)).toBe('金1,234,567円');
  });
});
