import type { ApplicationAction } from '../applications/application-states.js';

/** Who a transition's mail is for: the applying company, or city staff who act next. */
export type MailAudience = 'company' | 'staff';

export interface MailText {
  audience: MailAudience;
  subject: string;
  body: string;
}

const yen = (v: bigint | number | null | undefined) => (v === null || v === undefined ? '—' : `${Number(v).toLocaleString('ja-JP')}円`);

export interface MailFacts {
  programName: string;
  companyName: string;
  applicationUrl: string;
  staffUrl: string;
  amountYen?: bigint | null;
  reason?: string | null;
  comment?: string | null;
  dueOn?: string | null;
  noticeNumber?: string | null;
}

const footer = '\n\n――\n女性のキャリアの保健室（このメールは送信専用です）';

/**
 * The words of each transition's mail, in Japanese (the city's language; the portal's pages carry
 * the English). Mails say what happened and where to look, never more than the page shows.
 */
export function transitionMails(action: ApplicationAction | 'reminder-due' | 'reminder-overdue', f: MailFacts): MailText[] {
  const c = (subject: string, body: string): MailText => ({ audience: 'company', subject: `【${f.programName}】${subject}`, body: `${f.companyName} ご担当者様\n\n${body}\n\n${f.applicationUrl}${footer}` });
  const s = (subject: string, body: string): MailText => ({ audience: 'staff', subject: `【${f.programName}】${subject}`, body: `${body}\n\n${f.staffUrl}${footer}` });
  switch (action) {
    case 'submit':
      return [c('交付申請を受け付けました', '交付申請を受け付けました。審査の結果はこのメールとポータルでお知らせします。'), s(`交付申請：${f.companyName}`, `${f.companyName} から交付申請がありました（申請額 ${yen(f.amountYen)}）。`)];
    case 'return':
      return [c('申請内容の修正をお願いします', `申請を差し戻しました。ポータルで、修正が必要な項目とコメントをご確認ください。\n\nコメント：${f.comment ?? ''}`)];
    case 'approve':
      return [c('交付決定のお知らせ', `交付を決定しました（交付決定額 ${yen(f.amountYen)}、${f.noticeNumber ?? ''}）。交付決定通知書はポータルからダウンロードできます。実績報告の期限は ${f.dueOn ?? '—'} です。`)];
    case 'reject':
      return [c('不交付決定のお知らせ', `審査の結果、不交付と決定しました（${f.noticeNumber ?? ''}）。理由と不交付決定通知書はポータルでご確認ください。`)];
    case 'withdraw':
      return [c('申請を取り下げました', '申請の取下げを受け付けました。'), s(`申請の取下げ：${f.companyName}`, `${f.companyName} が申請を取り下げました。`)];
    case 'report':
      return [c('実績報告を受け付けました', '実績報告を受け付けました。額の確定後にお知らせします。'), s(`実績報告：${f.companyName}`, `${f.companyName} から実績報告がありました。`)];
    case 'confirm':
      return [c('補助金の額が確定しました', `補助金の額を ${yen(f.amountYen)} に確定しました（${f.noticeNumber ?? ''}）。ポータルから交付請求をしてください。`)];
    case 'claim':
      return [c('交付請求を受け付けました', '交付請求を受け付けました。支払が済みましたらお知らせします。'), s(`交付請求：${f.companyName}`, `${f.companyName} から交付請求がありました（${yen(f.amountYen)}）。`)];
    case 'pay':
      return [c('補助金をお支払いしました', `補助金 ${yen(f.amountYen)} をお支払いしました。`)];
    case 'change-request':
      return [c('変更承認申請を受け付けました', '変更承認申請を受け付けました。'), s(`変更承認申請：${f.companyName}`, `${f.companyName} から変更承認申請がありました。`)];
    case 'approve-change':
      return [c('変更を承認しました', `変更を承認しました（交付決定額 ${yen(f.amountYen)}、${f.noticeNumber ?? ''}）。`)];
    case 'refuse-change':
      return [c('変更承認申請について', `変更は承認されませんでした。理由：${f.reason ?? ''}`)];
    case 'reminder-due':
      return [c('実績報告の期限が近づいています', `実績報告の期限は ${f.dueOn} です。ポータルから報告してください。`)];
    case 'reminder-overdue':
      return [c('実績報告の期限を過ぎています', `実績報告の期限（${f.dueOn}）を過ぎています。至急ポータルから報告してください。`), s(`実績報告の期限超過：${f.companyName}`, `${f.companyName} の実績報告が期限（${f.dueOn}）を過ぎています。`)];
    default:
      return [];
  }
}
