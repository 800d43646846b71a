/**
 * The code lists of ../shared/REFERENCE.md: a contract shared by the API, the CSV import, the
 * digests and every test. Labels: Japanese first, English for the `en` locale.
 */
export interface CodeLabel {
  code: string;
  ja: string;
  en: string;
}

/**
 * A sector margin of the published tables. JSIC's are primary, secondary and tertiary; releases
 * built on the folded design publish 'primary_secondary' (A–E) instead of the first two.
 */
export type Sector = 'primary' | 'secondary' | 'tertiary' | 'primary_secondary';

export interface Industry extends CodeLabel {
  sector: Sector;
}

/** JSIC (日本標準産業分類) major divisions. Generalisation: division → sector → all ('*'). */
export const INDUSTRIES: readonly Industry[] = [
  { code: 'A', ja: '農業，林業', en: 'Agriculture and forestry', sector: 'primary' },
  { code: 'B', ja: '漁業', en: 'Fisheries', sector: 'primary' },
  { code: 'C', ja: '鉱業，採石業，砂利採取業', en: 'Mining and quarrying', sector: 'secondary' },
  { code: 'D', ja: '建設業', en: 'Construction', sector: 'secondary' },
  { code: 'E', ja: '製造業', en: 'Manufacturing', sector: 'secondary' },
  { code: 'F', ja: '電気・ガス・熱供給・水道業', en: 'Electricity, gas, heat supply and water', sector: 'tertiary' },
  { code: 'G', ja: '情報通信業', en: 'Information and communications', sector: 'tertiary' },
  { code: 'H', ja: '運輸業，郵便業', en: 'Transport and postal activities', sector: 'tertiary' },
  { code: 'I', ja: '卸売業，小売業', en: 'Wholesale and retail trade', sector: 'tertiary' },
  { code: 'J', ja: '金融業，保険業', en: 'Finance and insurance', sector: 'tertiary' },
  { code: 'K', ja: '不動産業，物品賃貸業', en: 'Real estate and goods rental and leasing', sector: 'tertiary' },
  { code: 'L', ja: '学術研究，専門・技術サービス業', en: 'Scientific research, professional and technical services', sector: 'tertiary' },
  { code: 'M', ja: '宿泊業，飲食サービス業', en: 'Accommodations, eating and drinking services', sector: 'tertiary' },
  { code: 'N', ja: '生活関連サービス業，娯楽業', en: 'Living-related and personal services and amusement', sector: 'tertiary' },
  { code: 'O', ja: '教育，学習支援業', en: 'Education, learning support', sector: 'tertiary' },
  { code: 'P', ja: '医療，福祉', en: 'Medical, health care and welfare', sector: 'tertiary' },
  { code: 'Q', ja: '複合サービス事業', en: 'Compound services', sector: 'tertiary' },
  { code: 'R', ja: 'サービス業（他に分類されないもの）', en: 'Services, not elsewhere classified', sector: 'tertiary' },
  { code: 'S', ja: '公務（他に分類されるものを除く）', en: 'Government, except elsewhere classified', sector: 'tertiary' },
  { code: 'T', ja: '分類不能の産業', en: 'Industries unable to classify', sector: 'tertiary' },
];

export const SECTORS: readonly CodeLabel[] = [
  { code: 'primary', ja: '第一次産業', en: 'Primary sector' },
  { code: 'secondary', ja: '第二次産業', en: 'Secondary sector' },
  { code: 'tertiary', ja: '第三次産業', en: 'Tertiary sector' },
  { code: 'primary_secondary', ja: '第一次・第二次産業', en: 'Primary and secondary sectors' },
];

export interface SizeBand extends CodeLabel {
  min: number;
  max: number | null;
  sizeClass: string;
}

/** Employee-count bands as recorded, each mapped to the coarser size class used in digests. */
export const SIZE_BANDS: readonly SizeBand[] = [
  { code: '1-4', ja: '1〜4人', en: '1–4 employees', min: 1, max: 4, sizeClass: '1-19' },
  { code: '5-9', ja: '5〜9人', en: '5–9 employees', min: 5, max: 9, sizeClass: '1-19' },
  { code: '10-19', ja: '10〜19人', en: '10–19 employees', min: 10, max: 19, sizeClass: '1-19' },
  { code: '20-49', ja: '20〜49人', en: '20–49 employees', min: 20, max: 49, sizeClass: '20-99' },
  { code: '50-99', ja: '50〜99人', en: '50–99 employees', min: 50, max: 99, sizeClass: '20-99' },
  { code: '100-299', ja: '100〜299人', en: '100–299 employees', min: 100, max: 299, sizeClass: '100-299' },
  { code: '300-999', ja: '300〜999人', en: '300–999 employees', min: 300, max: 999, sizeClass: '300+' },
  { code: '1000+', ja: '1000人以上', en: '1,000 or more employees', min: 1000, max: null, sizeClass: '300+' },
];

export const SIZE_CLASSES: readonly CodeLabel[] = [
  { code: '1-19', ja: '小規模（1〜19人）', en: 'Small (1–19)' },
  { code: '20-99', ja: '20〜99人', en: '20–99 employees' },
  { code: '100-299', ja: '100〜299人', en: '100–299 employees' },
  { code: '300+', ja: '300人以上', en: '300 or more employees' },
];

export const AGE_BANDS: readonly CodeLabel[] = [
  { code: '-19', ja: '19歳以下', en: '19 or younger' },
  { code: '20-29', ja: '20代', en: '20s' },
  { code: '30-39', ja: '30代', en: '30s' },
  { code: '40-49', ja: '40代', en: '40s' },
  { code: '50-59', ja: '50代', en: '50s' },
  { code: '60+', ja: '60歳以上', en: '60 or older' },
];

export const EMPLOYMENT_TYPES: readonly CodeLabel[] = [
  { code: 'regular', ja: '正社員・正職員', en: 'Regular employee' },
  { code: 'non_regular', ja: 'パート・アルバイト・契約・派遣', en: 'Part-time, contract or agency' },
  { code: 'self_employed', ja: '個人事業主・フリーランス', en: 'Self-employed or freelance' },
  { code: 'executive', ja: '経営者・役員', en: 'Owner or executive' },
  { code: 'not_working', ja: '求職中・休職中・無職', en: 'Job-seeking, on leave or not working' },
];

/** Employment types that count as "employed" in the employer digests (industry × size class). */
export const EMPLOYED_TYPES: readonly string[] = ['regular', 'non_regular'];

export const TENURE_BANDS: readonly CodeLabel[] = [
  { code: 'lt1', ja: '1年未満', en: 'Under 1 year' },
  { code: '1-3', ja: '1〜3年', en: '1–3 years' },
  { code: '3-10', ja: '3〜10年', en: '3–10 years' },
  { code: '10+', ja: '10年以上', en: '10 years or more' },
  { code: 'na', ja: '該当なし（就業していない）', en: 'Not employed' },
];

export const CHANNELS: readonly CodeLabel[] = [
  { code: 'in_person', ja: '対面', en: 'In person' },
  { code: 'online', ja: 'オンライン', en: 'Online' },
  { code: 'phone', ja: '電話', en: 'Phone' },
  { code: 'web_form', ja: 'Web相談フォーム', en: 'Web consultation form' },
  { code: 'branch_booth', ja: '支所ブース', en: 'Branch office booth' },
];

export const THEMES: readonly CodeLabel[] = [
  { code: 'startup', ja: '起業・独立', en: 'Starting a business' },
  { code: 'side_job', ja: '副業・複業', en: 'Side jobs' },
  { code: 'career_change', ja: '転職・キャリアチェンジ', en: 'Changing jobs or career' },
  { code: 'second_career', ja: 'セカンドキャリア・定年後の働き方', en: 'Second career, work after retirement age' },
  { code: 'reskilling', ja: '学び直し・資格・スキルアップ', en: 'Reskilling and qualifications' },
  { code: 'promotion', ja: '昇進・管理職', en: 'Promotion and management roles' },
  { code: 'working_conditions', ja: '労働条件・待遇・賃金', en: 'Working conditions and pay' },
  { code: 'workplace_relations', ja: '職場の人間関係・コミュニケーション', en: 'Workplace relationships and communication' },
  { code: 'harassment', ja: 'ハラスメント', en: 'Harassment' },
  { code: 'childcare_balance', ja: '出産・育児と仕事の両立', en: 'Childbirth, childcare and work' },
  { code: 'return_to_work', ja: '復職・再就職', en: 'Returning to work' },
  { code: 'caregiving', ja: '介護と仕事の両立', en: 'Caregiving and work' },
  { code: 'health', ja: '心身の健康・更年期', en: 'Physical and mental health, menopause' },
  { code: 'self_understanding', ja: '気持ちの整理・自己理解', en: 'Sorting out feelings, self-understanding' },
  { code: 'work_life_balance', ja: '働き方・ワークライフバランス', en: 'Ways of working, work–life balance' },
];

export type ReferenceListName = 'industries' | 'size-bands' | 'age-bands' | 'employment-types' | 'tenure-bands' | 'channels' | 'themes';

export const REFERENCE_LIST_NAMES: readonly ReferenceListName[] = [
  'industries', 'size-bands', 'age-bands', 'employment-types', 'tenure-bands', 'channels', 'themes',
];

/** The size band an employee count falls in (pure). */
export function sizeBandForEmployees(employees: number): SizeBand {
  const band = SIZE_BANDS.find((b) => employees >= b.min && (b.max === null || employees <= b.max));
  if (!band) throw new RangeError(`no size band for ${employees} employees`);
  return band;
}

export function sizeClassOfBand(bandCode: string): string | undefined {
  return SIZE_BANDS.find((b) => b.code === bandCode)?.sizeClass;
}

/** The division's JSIC sector (a release's own design may fold it: see the digests' classification). */
export function sectorOf(industryCode: string): Sector | undefined {
  return INDUSTRIES.find((i) => i.code === industryCode)?.sector;
}
