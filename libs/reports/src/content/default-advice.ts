import type { AdviceEntry } from './report-input.js';

/**
 * Version 1 of the advice for employers, one entry per theme (reference THEMES): the seed that city
 * staff then edit. Practical steps a small or medium employer can take without a dedicated HR team.
 */
export const DEFAULT_ADVICE: readonly AdviceEntry[] = [
  {
    theme: 'startup',
    ja: '起業や独立を考える人がいることを前提に、副業規程や退職後の関係（業務委託、取引先としての協力など）をあらかじめ整理しておきましょう。話しやすい雰囲気があれば、早めの相談で引き継ぎの計画も立てやすくなります。',
    en: 'Assume some staff are thinking of starting their own business: set out your side-business rules and the options after leaving (contracting, working with you as a supplier) in advance. If people feel free to raise it early, handovers are easier to plan.',
  },
  {
    theme: 'side_job',
    ja: '副業・兼業を認める範囲と届出の手続きを就業規則で明らかにし、労働時間の通算や健康への配慮の方法を従業員に説明しましょう。「禁止かどうか分からない」状態をなくすことが第一歩です。',
    en: 'State in your work rules which side jobs are allowed and how to notify you, and explain how combined working hours and health are looked after. Removing the uncertainty about whether it is allowed at all is the first step.',
  },
  {
    theme: 'career_change',
    ja: '定期的な面談で、今後のキャリアの希望や不安を聞く機会を設けましょう。社内での異動や役割の変更、短時間勤務など、転職以外の選択肢を示せることがあります。',
    en: 'Hold regular one-to-one conversations about career hopes and worries. You may be able to offer alternatives to leaving, such as a transfer, a different role or shorter hours.',
  },
  {
    theme: 'second_career',
    ja: '定年前後の働き方（継続雇用の条件、短時間勤務、役割の変化）を早めに示し、50代のうちから本人と話し合いましょう。経験を若手に伝える役割を用意することも有効です。',
    en: 'Set out early what work around retirement age can look like (continued employment terms, shorter hours, changed roles) and talk it through with staff in their fifties. A role passing experience on to younger colleagues often works well.',
  },
  {
    theme: 'reskilling',
    ja: '資格取得や研修の費用補助、受講のための勤務時間の調整など、学び直しを後押しする制度を用意しましょう。国や県の助成金（人材開発支援助成金など）も活用できます。',
    en: 'Support learning with course or exam fee subsidies and time off or flexible hours to attend. National and prefectural grants (such as the human resources development grant) can cover part of the cost.',
  },
  {
    theme: 'promotion',
    ja: '昇進や管理職登用の基準を明らかにし、女性従業員にも意識して声をかけましょう。管理職の働き方（長時間労働が前提になっていないか）を見直すことで、手を挙げやすくなります。',
    en: 'Make the criteria for promotion and management roles clear and make a point of encouraging women to apply. Reviewing how managers work (is long overtime assumed?) makes it easier to step forward.',
  },
  {
    theme: 'working_conditions',
    ja: '賃金や手当、評価の仕組みを従業員に分かりやすく説明し、雇用形態による不合理な待遇差がないか点検しましょう。疑問を気軽に尋ねられる窓口を決めておくことも大切です。',
    en: 'Explain pay, allowances and appraisal clearly, and check for unjustified differences in treatment between employment types. Name a person staff can ask about their conditions without hesitation.',
  },
  {
    theme: 'workplace_relations',
    ja: '短い定期ミーティングや1対1の面談など、困りごとを早めに話せる場を設けましょう。管理職がまず話を聴く姿勢を示すことで、問題が大きくなる前に対応できます。',
    en: 'Create regular chances to raise problems early, such as short team meetings or one-to-one talks. When managers show they will listen first, issues can be dealt with before they grow.',
  },
  {
    theme: 'harassment',
    ja: 'ハラスメントを許さない方針を明文化して周知し、社内外の相談窓口を従業員に知らせましょう。相談者のプライバシーを守り、相談したことで不利益な扱いを受けないことを明確にしてください。',
    en: 'Put your policy against harassment in writing, share it, and tell staff where they can turn, inside and outside the company. Make clear that their privacy is protected and that raising a concern will never count against them.',
  },
  {
    theme: 'childcare_balance',
    ja: '産前産後休業・育児休業・短時間勤務などの制度を、妊娠や出産の報告を受けた時点で個別に説明しましょう。休業中の業務分担と復帰後の働き方を、本人と一緒に計画すると安心につながります。',
    en: 'When someone tells you about a pregnancy or birth, explain maternity leave, childcare leave and shorter hours to her individually. Planning together who covers her work and how she will work on return gives her peace of mind.',
  },
  {
    theme: 'return_to_work',
    ja: '休業や離職からの復帰には、段階的な勤務時間の設定や業務の引き継ぎ期間を設けましょう。元従業員の再雇用制度を設けることも、人材確保に役立ちます。',
    en: 'For people returning after leave or a break, allow a gradual build-up of hours and a handover period. A scheme to rehire former employees can also help you find staff.',
  },
  {
    theme: 'caregiving',
    ja: '介護休業・介護休暇や短時間勤務などの制度を、介護が始まる前から周知しましょう。「介護をしていると言い出しにくい」ことがないよう、管理職から声をかけることが大切です。',
    en: 'Tell staff about caregiver leave, care days and shorter hours before they need them. Managers asking first matters, so that no one feels unable to mention caring for a family member.',
  },
  {
    theme: 'health',
    ja: '体調不良や更年期の症状について相談しやすい環境をつくり、休憩の取り方や勤務時間の柔軟な調整を検討しましょう。産業医や地域の保健師など、外部の専門職につなぐ方法も整えておくと安心です。',
    en: 'Make it easy to talk about ill health and menopause symptoms, and consider flexible breaks and working hours. Arrange how to refer staff to an occupational physician or the local public health nurses.',
  },
  {
    theme: 'self_understanding',
    ja: '仕事の悩みを一人で抱え込まないよう、社外の相談窓口（この「女性のキャリア保健室」を含む）を従業員に紹介しましょう。業務時間内に相談に行けるよう配慮することも有効です。',
    en: 'Tell staff about outside places to talk things through, including this career health room, so no one carries their worries alone. Allowing them to attend during working hours helps.',
  },
  {
    theme: 'work_life_balance',
    ja: '時間単位の年次有給休暇、フレックスタイム、在宅勤務など、事業に合った柔軟な働き方を一つから試してみましょう。制度をつくるだけでなく、管理職が率先して利用することで定着しやすくなります。',
    en: 'Try one flexible arrangement that suits your business, such as leave by the hour, flexitime or working from home. Arrangements take hold when managers use them too, not only when they exist on paper.',
  },
];
