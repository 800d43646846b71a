import { type DisclosurePolicy, dpSensitivity, isDifferentiallyPrivate } from '@hokenshitsu/disclosure';
import { JSIC_CLASSIFICATION } from './classification.js';

export interface ProtectionSpecification {
  ja: string;
  en: string;
}

/** The policy in words, published with every release (pure). */
export function protectionSpecification(p: DisclosurePolicy): ProtectionSpecification {
  if (isDifferentiallyPrivate(p)) return differentialPrivacySpecification(p);
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

function differentialPrivacySpecification(p: DisclosurePolicy): ProtectionSpecification {
  // The sensitivity counts scope levels and categories: the same on either table design.
  const sensitivity = dpSensitivity(JSIC_CLASSIFICATION, p);
  const scale = Math.round((sensitivity / p.epsilon!) * 10) / 10;
  return {
    ja: [
      `この公表は差分プライバシー（ε = ${p.epsilon}）で保護しています。すべての数値に、暗号学的な鍵から生成した整数の雑音（離散ラプラス分布、尺度 ${scale}）を加えています。`,
      '公表するセルの一覧はコード表だけで決まり、データによって変わりません。0のセルにも雑音を加えています。',
      `1人の相談者が数えられる相談内容は${p.max_themes}件まで、相談経路は${p.max_channels}件までです（コード表の順）。1人が表全体に与える影響は最大${sensitivity}です。`,
      '同じデータからは同じ数値が出るため、作り直しても雑音は平均化されません。期間が重なる公表のεは合算されます（監査報告に記載）。',
      '数値は雑音を含むため、合計が内訳の和と一致しないことがあります。負の値は0として公表します。',
      '個人名や勤務先名は記録しておらず、勤務先は鍵付きハッシュでのみ扱います。',
    ].join('\n'),
    en: [
      `This release is protected by differential privacy (epsilon = ${p.epsilon}): every figure has integer noise added (discrete Laplace, scale ${scale}) drawn from a cryptographic key.`,
      'The list of published cells is fixed by the code lists alone, never by the data; zero cells get noise too.',
      `Each client counts for at most ${p.max_themes} themes and ${p.max_channels} channels (in code-list order), so one person changes the tables by at most ${sensitivity} in total.`,
      'The same data always gives the same figures, so rebuilding averages no noise away; releases whose periods overlap add up their epsilon (stated in the audit).',
      'Figures are noisy: totals need not equal the sum of their parts, and negative values are published as 0.',
      'No names are recorded; employers are handled only as keyed hashes.',
    ].join('\n'),
  };
}
