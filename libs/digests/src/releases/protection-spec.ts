import type { DisclosurePolicy } from '@hokenshitsu/disclosure';

export interface ProtectionSpecification {
  ja: string;
  en: string;
}

/** The policy in words, published with every release (pure). */
export function protectionSpecification(p: DisclosurePolicy): ProtectionSpecification {
  const share = Math.round(p.max_employer_share * 100);
  const big = p.attribute_factor * p.k;
  return {
    ja: [
      `公表する0以外の数値は、すべて${p.k}人以上の相談者から集計しています。`,
      `事業所別の表では、各数値に${p.min_employers}社以上の勤務先が含まれ、1社の従業員が${share}%を超えることはありません。`,
      `ある区分の全員が同じ相談内容を挙げた場合、その区分が${big}人以上のときに限り公表します。`,
      '伏せた数値は、公表した数値（合計や他の表、重なる期間の過去の公表分を含む）から引き算や線形計画法で推定しても、' +
        `${p.k}人未満の幅に絞り込めないよう、追加の秘匿（二次秘匿）を行っています。`,
      `期間が入れ子になる公表の間で、同じ数値の差は0または${p.k}人以上です。`,
      '個人名や勤務先名は記録しておらず、勤務先は鍵付きハッシュでのみ扱います。',
    ].join('\n'),
    en: [
      `Every published non-zero figure counts at least ${p.k} distinct clients.`,
      `In the employer tables, every figure spans at least ${p.min_employers} employers and no single employer holds more than ${share}% of it.`,
      `Where everyone in a group raised the same theme, it is published only if the group has at least ${big} clients.`,
      'Suppressed figures are protected by secondary suppression: no subtraction or linear-programming attack on everything published ' +
        `(totals, other tables, and earlier releases whose periods overlap) narrows one to an interval under ${p.k}.`,
      `Between releases whose periods nest, the same figure differs by 0 or by at least ${p.k}.`,
      'No names are recorded; employers are handled only as keyed hashes.',
    ].join('\n'),
  };
}
