import type { EmployerSupportTerms } from './employer-support.js';

export interface EmployerSupportText {
  heading: string;
  summary: string;
  terms: string[];
  budget: string;
  action: string;
}

const yen = (n: number, lang: 'ja' | 'en') => (lang === 'ja' ? `${n.toLocaleString('ja-JP')}円` : `¥${n.toLocaleString('en-US')}`);

/** "1/2" as a person reads it: 2分の1 in Japanese, "half" or "1/3" with its percentage in English. */
export function rateWords(numerator: number, denominator: number, lang: 'ja' | 'en'): string {
  if (lang === 'ja') return numerator === denominator ? '全額' : `${denominator}分の${numerator}`;
  const percent = Math.round((numerator / denominator) * 100);
  return `${numerator}/${denominator} (${percent}%)`;
}

/** ISO date → 2026年12月28日 / 28 Dec 2026 (read as a date, no time zone). */
function dateWords(iso: string, lang: 'ja' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The open programme's terms in plain words, one wording for the digest page and the feedback
 * PDF: what the city pays, the caps, the window, and whether budget remains.
 */
export function employerSupportText(t: EmployerSupportTerms, lang: 'ja' | 'en'): EmployerSupportText {
  const rate = rateWords(t.rateNumerator, t.rateDenominator, lang);
  if (lang === 'ja') {
    return {
      heading: `市の支援：${t.programName}`,
      summary: `従業員のキャリア面談を外部のキャリアコンサルタントに依頼する費用（セルフ・キャリアドック）の${rate}を、市が補助します。`,
      terms: [
        `1回${t.minMinutesPerSession}分以上の1対1の面談が対象です。`,
        `対象となる費用は1回${yen(t.maxPricePerSessionYen, lang)}まで、従業員1人あたり${t.maxSessionsPerEmployee}回までです。`,
        `補助は1社あたり年度内${yen(t.capPerCompanyYen, lang)}までです。`,
        `申請の受付：${dateWords(t.opensOn, lang)}〜${dateWords(t.closesOn, lang)}`,
      ],
      budget: t.budgetRemains ? '今年度の予算にはまだ残りがあります。' : '今年度の予算は上限に達しました。',
      action: 'ポータルの「補助金」から申請できます（中小企業が対象です）。',
    };
  }
  return {
    // The programme's official name is Japanese: an English reader gets what it is, then its name.
    heading: `City support: the Self-Career-Dock subsidy (${t.programName})`,
    summary: `The city pays ${rate} of what your company spends on external career consultations for its employees (Self-Career-Dock).`,
    terms: [
      `One-to-one sessions of at least ${t.minMinutesPerSession} minutes count.`,
      `A session counts up to ${yen(t.maxPricePerSessionYen, lang)}, up to ${t.maxSessionsPerEmployee} sessions per employee.`,
      `At most ${yen(t.capPerCompanyYen, lang)} per company in the fiscal year.`,
      `Applications: ${dateWords(t.opensOn, lang)} – ${dateWords(t.closesOn, lang)}`,
    ],
    budget: t.budgetRemains ? 'Budget remains for this fiscal year.' : 'This fiscal year\'s budget has been used up.',
    action: 'Apply under “Subsidy” in the portal (for small and medium-sized companies).',
  };
}
