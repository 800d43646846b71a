import type { NoticeData, NoticeInput, NoticeKind } from '../notice-input.js';
import { warekiDate } from './wareki.js';

/** One numbered item under 記: a heading (with its amount on the same line), then label/value rows and/or paragraphs. */
export interface NoticeItem {
  heading: string;
  value: string | null;
  rows: { label: string; value: string }[];
  paragraphs: string[];
}

/** What the template prints, every string final (the template only escapes and places them). */
export interface NoticeView {
  title: string;
  number: string;
  issuedOn: string;
  companyAddress: string;
  companyName: string;
  issuer: string;
  lead: string;
  items: NoticeItem[];
  /** 教示: how to contest an adverse decision (不交付決定), or null. */
  appeal: { heading: string; paragraphs: string[] } | null;
}

/** Titles of the three notices (the shared labels' subsidies.notice.*), plus the change decision's own. */
export type NoticeTitles = Record<NoticeKind, string>;

/** 金150,000円: grouped by hand so the output never depends on the runtime's ICU data. */
export function yenText(yen: number): string {
  return `金${String(yen).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}

const item = (n: number, heading: string, rows: NoticeItem['rows'] = [], paragraphs: string[] = [], value: string | null = null): NoticeItem => ({ heading: `${n}　${heading}`, value, rows, paragraphs });

function planRows(d: NoticeData): NoticeItem['rows'] {
  const p = d.plan;
  if (!p) return [];
  return [
    { label: '対象従業員数', value: `${p.employees}人` },
    { label: '1人あたりの相談回数', value: `${p.sessionsPerEmployee}回` },
    { label: '1回あたりの相談時間', value: `${p.minutesPerSession}分` },
    { label: '1回あたりの単価', value: yenText(p.pricePerSessionYen) },
    { label: 'キャリアコンサルタント', value: p.consultantName },
    { label: '実施期間', value: `${warekiDate(p.periodStart)}から${warekiDate(p.periodEnd)}まで` },
  ];
}

function decision(d: NoticeData): Pick<NoticeView, 'lead' | 'items' | 'appeal'> {
  const approved = d.approvedYen ?? 0;
  const lowered = approved < d.requestedYen;
  const lead = d.change
    ? `${warekiDate(d.appliedOn)}付けで申請のあった${d.programName}について、変更承認申請の内容を審査した結果、下記のとおり交付決定の内容を変更することに決定したので通知します。`
    : `${warekiDate(d.appliedOn)}付けで申請のあった${d.programName}について、下記のとおり交付することに決定したので通知します。`;
  const amountRows = lowered ? [{ label: '交付申請額', value: yenText(d.requestedYen) }] : [];
  const conditions: string[] = [];
  if (d.reportDueOn) conditions.push(`(1) 補助事業が完了したときは、${warekiDate(d.reportDueOn)}までに実績報告書に経費の支払を証する書類（請求書及び領収書の写し）を添えて提出すること。`);
  conditions.push(`(${conditions.length + 1}) 補助事業の内容を変更しようとするときは、あらかじめ変更承認申請を行い、その承認を受けること。`);
  conditions.push(`(${conditions.length + 1}) 同一の経費について、他の補助金等の交付を受けないこと。`);
  if (d.withdrawalLastDay) conditions.push(`(${conditions.length + 1}) 交付決定の内容又はこれに付された条件に不服があるときは、${warekiDate(d.withdrawalLastDay)}までに申請を取り下げることができます。`);
  const items = [item(1, d.change ? '変更後の交付決定額' : '交付決定額', amountRows, [], yenText(approved)), item(2, '補助事業の内容', planRows(d)), item(3, '交付の条件', [], conditions)];
  if (lowered && d.reason) items.push(item(4, '交付申請額から減額した理由', [], [d.reason]));
  return { lead, items, appeal: null };
}

/**
 * 教示: the standard wording a Japanese municipality prints on an adverse decision
 * (行政不服審査法 §82: 審査請求 within 3 months; 行政事件訴訟法 §46: 取消訴訟 within 6 months).
 */
export function appealText(d: Pick<NoticeData, 'municipality' | 'issuer'>): NonNullable<NoticeView['appeal']> {
  return {
    heading: '教示',
    paragraphs: [
      `1　この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、${d.issuer}に対して審査請求をすることができます（行政不服審査法第4条）。`,
      `2　この決定については、この決定があったことを知った日の翌日から起算して6か月以内に、${d.municipality}を被告として（訴訟において${d.municipality}を代表する者は${d.issuer}となります。）、処分の取消しの訴えを提起することができます（行政事件訴訟法第14条）。なお、上記1の審査請求をした場合には、処分の取消しの訴えは、その審査請求に対する裁決があったことを知った日の翌日から起算して6か月以内に提起することができます。`,
      '3　ただし、上記の期間が経過する前に、この決定（審査請求をした場合には、その審査請求に対する裁決）があった日の翌日から起算して1年を経過した場合は、審査請求をすることや処分の取消しの訴えを提起することができなくなります。なお、正当な理由があるときは、上記の期間やこの決定（裁決）があった日の翌日から起算して1年を経過した後であっても審査請求をすることや処分の取消しの訴えを提起することが認められる場合があります。',
    ],
  };
}

function rejection(d: NoticeData): Pick<NoticeView, 'lead' | 'items' | 'appeal'> {
  return {
    lead: `${warekiDate(d.appliedOn)}付けで申請のあった${d.programName}について、審査の結果、下記の理由により交付しないことに決定したので通知します。`,
    items: [item(1, '交付申請額', [], [], yenText(d.requestedYen)), item(2, '不交付の理由', [], [d.reason ?? ''])],
    appeal: appealText(d),
  };
}

function confirmation(d: NoticeData): Pick<NoticeView, 'lead' | 'items' | 'appeal'> {
  const items = [
    item(1, '交付決定額', [], [], yenText(d.approvedYen ?? 0)),
    item(2, '補助金の確定額', [], [], yenText(d.confirmedYen ?? 0)),
  ];
  if (d.results) {
    items.push(item(3, '補助事業の実績', [
      { label: '実施した相談回数', value: `${d.results.sessionsHeld}回` },
      { label: '補助対象経費の実支出額', value: yenText(d.results.actualCostYen) },
    ]));
  }
  items.push(item(items.length + 1, '交付請求', [], ['補助金の交付を受けようとするときは、ポータルから交付請求書を提出してください。']));
  return {
    lead: `${warekiDate(d.appliedOn)}付けで申請のあった${d.programName}について、実績報告書の内容を審査した結果、下記のとおり補助金の額を確定したので通知します。`,
    items,
    appeal: null,
  };
}

/** The notice's words from its frozen data: pure, so a notice rendered again says the same. */
export function noticeView(input: NoticeInput, titles: NoticeTitles): NoticeView {
  const d = input.data;
  const body = input.kind === 'decision' ? decision(d) : input.kind === 'rejection' ? rejection(d) : confirmation(d);
  const title = input.kind === 'decision' && d.change ? `変更${titles.decision}` : titles[input.kind];
  return {
    title,
    number: input.number,
    issuedOn: warekiDate(input.issuedOn),
    companyAddress: d.companyAddress,
    companyName: d.companyName,
    issuer: d.issuer,
    ...body,
  };
}
