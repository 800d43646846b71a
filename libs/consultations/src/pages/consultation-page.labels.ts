/**
 * Labels of the counsellor pages, Japanese first. Kept in this lib (not templates/locales) so the
 * consultation pages ship with the code that validates the same fields; the web layout's own
 * labels (<title>, header, footer) still come from templates/locales.
 */
export type PageLang = 'ja' | 'en';

export const FORM_FIELDS = [
  'held_on', 'client_ref', 'employer_key', 'industry', 'size_band', 'age_band', 'employment_type', 'tenure_band', 'channel',
  'duration_min', 'themes', 'satisfaction', 'memo',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

interface PageLabels {
  listTitle: string;
  listIntro: string;
  newTitle: string;
  importTitle: string;
  recordLink: string;
  importLink: string;
  exportLink: string;
  recorded: string;
  imported: string;
  none: string;
  caption: string;
  previous: string;
  next: string;
  recordedAt: string;
  fromFile: string;
  submitRecord: string;
  submitImport: string;
  choose: string;
  notAnswered: string;
  minutes: string;
  errorSummary: string;
  fields: Record<FormField, string>;
  hints: Partial<Record<FormField, string>>;
  errors: Record<FormField, string>;
  sizeBandRequired: string;
  importIntro: string;
  importColumns: string;
  importAllOrNothing: string;
  file: string;
  fileHint: string;
  fileMissing: string;
  importFailed: string;
  line: string;
  column: string;
  problem: string;
  moreErrors: string;
  tooLarge: string;
  badUpload: string;
  columnHints: Record<string, string>;
}

const JA: PageLabels = {
  listTitle: '相談記録',
  listIntro: '記録した相談の新しい順の一覧です。相談者は仮名（クライアント番号）で記録し、勤務先は暗号化した符号でのみ保存します。',
  newTitle: '相談を記録する',
  importTitle: 'CSVファイルで一括登録する',
  recordLink: '相談を記録する',
  importLink: 'CSVファイルで一括登録する',
  exportLink: 'CSVで書き出す（メモは含みません）',
  recorded: '相談を1件記録しました。',
  imported: 'CSVファイルから{count}件の相談を登録しました。',
  none: 'まだ記録がありません。',
  caption: '相談記録（{total}件中 {from}〜{to}件目）',
  previous: '新しい記録へ',
  next: '以前の記録へ',
  recordedAt: '記録日時',
  fromFile: 'CSV',
  submitRecord: '記録する',
  submitImport: '取り込む',
  choose: '選択してください',
  notAnswered: '未回答',
  minutes: '分',
  errorSummary: '入力内容に誤りがあります。以下の項目を確認してください。',
  fields: {
    held_on: '相談日',
    client_ref: 'クライアント番号（仮名）',
    employer_key: '勤務先（法人番号または名称）',
    industry: '勤務先の業種',
    size_band: '勤務先の従業員数',
    age_band: '年代',
    employment_type: '就業形態',
    tenure_band: '現在の勤務先での勤続年数',
    channel: '相談の方法',
    duration_min: '相談時間（分）',
    themes: '相談のテーマ',
    satisfaction: '相談後アンケートの満足度',
    memo: '相談員メモ',
  },
  hints: {
    held_on: '例: 2026-11-04',
    client_ref: '同じ方には同じ番号を使います。氏名は入力しないでください（64文字まで）。',
    employer_key: '暗号化した符号だけを保存し、入力した文字は保存しません。就業していない場合は空欄にします。',
    size_band: '正社員・正職員、パート・アルバイト・契約・派遣の場合は必須です。',
    themes: '1つ以上選んでください。',
    memo: '書き出しや集計には含まれず、企業の担当者には表示されません。',
  },
  errors: {
    held_on: '相談日を「2026-11-04」の形で、実在する日付で入力してください',
    client_ref: 'クライアント番号を64文字以内で入力してください（先頭に = + - @ は使えません）',
    employer_key: '勤務先は200文字以内で入力してください',
    industry: '勤務先の業種を選んでください',
    size_band: '勤務先の従業員数を選んでください',
    age_band: '年代を選んでください',
    employment_type: '就業形態を選んでください',
    tenure_band: '勤続年数を選んでください',
    channel: '相談の方法を選んでください',
    duration_min: '相談時間を1〜480の整数（分）で入力してください',
    themes: '相談のテーマを1つ以上選んでください',
    satisfaction: '満足度は1〜5から選んでください',
    memo: 'メモは4000文字以内で入力してください',
  },
  sizeBandRequired: '正社員・正職員、パート・アルバイト・契約・派遣の場合は、勤務先の従業員数を選んでください',
  importIntro: 'UTF-8のCSVファイル（Excelでは「CSV UTF-8」で保存）を取り込みます。1行目は列名です。列の順序は問いません。',
  importColumns: '列名: held_on, client_ref, employer_key, industry, size_band, age_band, employment_type, tenure_band, channel, duration_min, themes（; 区切り）, satisfaction',
  importAllOrNothing: '1行でも誤りがあると、ファイル全体を取り込みません。誤りのある行をすべて表示しますので、直してからもう一度取り込んでください。',
  file: 'CSVファイル',
  fileHint: '20MBまで',
  fileMissing: 'CSVファイルを選んでください',
  importFailed: 'ファイルを取り込めませんでした（何も登録していません）。',
  line: '行',
  column: '列',
  problem: '内容',
  moreErrors: 'ほかにも誤りがあります。表示した行を直してから、もう一度取り込んでください。',
  tooLarge: 'ファイルが大きすぎます。いくつかのファイルに分けて取り込んでください。',
  badUpload: 'ファイルを受け取れませんでした。もう一度選んで取り込んでください。',
  columnHints: {
    held_on: '相談日（YYYY-MM-DD、実在する日付）',
    client_ref: 'クライアント番号（1〜64文字）',
    employer_key: '勤務先（200文字まで）',
    industry: '業種コード（A〜T）',
    size_band: '従業員数のコード',
    age_band: '年代のコード',
    employment_type: '就業形態のコード',
    tenure_band: '勤続年数のコード',
    channel: '相談方法のコード',
    duration_min: '相談時間（1〜480分）',
    themes: 'テーマのコード（; 区切り）',
    satisfaction: '満足度（1〜5または空欄）',
  },
};

const EN: PageLabels = {
  listTitle: 'Consultation records',
  listIntro: 'Recorded consultations, newest first. Clients are recorded under a pseudonym; employers are stored only as a keyed code.',
  newTitle: 'Record a consultation',
  importTitle: 'Import a CSV file',
  recordLink: 'Record a consultation',
  importLink: 'Import a CSV file',
  exportLink: 'Export as CSV (without memos)',
  recorded: 'The consultation was recorded.',
  imported: '{count} consultations were imported from the CSV file.',
  none: 'Nothing has been recorded yet.',
  caption: 'Consultation records ({from}–{to} of {total})',
  previous: 'Newer records',
  next: 'Older records',
  recordedAt: 'Recorded',
  fromFile: 'CSV',
  submitRecord: 'Record',
  submitImport: 'Import',
  choose: 'Choose',
  notAnswered: 'Not answered',
  minutes: 'min',
  errorSummary: 'There is a problem: check the fields below.',
  fields: {
    held_on: 'Date of the session',
    client_ref: 'Client reference (pseudonym)',
    employer_key: 'Employer (corporate number or name)',
    industry: "Employer's industry",
    size_band: "Employer's number of employees",
    age_band: 'Age',
    employment_type: 'Employment type',
    tenure_band: 'Years with the current employer',
    channel: 'How the session was held',
    duration_min: 'Length (minutes)',
    themes: 'Themes',
    satisfaction: 'Satisfaction in the follow-up survey',
    memo: "Counsellor's memo",
  },
  hints: {
    held_on: 'For example 2026-11-04',
    client_ref: 'The same reference for the same person. Never a name (up to 64 characters).',
    employer_key: 'Only a keyed code is stored, never what you type. Leave empty when not employed.',
    size_band: 'Required for regular and part-time, contract or agency employees.',
    themes: 'Choose at least one.',
    memo: 'Never exported, aggregated or shown to company managers.',
  },
  errors: {
    held_on: 'Enter a real date written like 2026-11-04',
    client_ref: 'Enter a reference of up to 64 characters, not starting with = + - or @',
    employer_key: 'Enter at most 200 characters',
    industry: "Choose the employer's industry",
    size_band: "Choose the employer's number of employees",
    age_band: 'Choose the age',
    employment_type: 'Choose the employment type',
    tenure_band: 'Choose the years with the employer',
    channel: 'Choose how the session was held',
    duration_min: 'Enter whole minutes from 1 to 480',
    themes: 'Choose at least one theme',
    satisfaction: 'Choose a satisfaction from 1 to 5',
    memo: 'Enter at most 4000 characters',
  },
  sizeBandRequired: "Choose the employer's number of employees for regular and part-time, contract or agency employees",
  importIntro: 'Import a UTF-8 CSV file (in Excel, save as "CSV UTF-8"). Line 1 names the columns, in any order.',
  importColumns: 'Columns: held_on, client_ref, employer_key, industry, size_band, age_band, employment_type, tenure_band, channel, duration_min, themes (separated by ;), satisfaction',
  importAllOrNothing: 'If any line has a problem, nothing in the file is imported. Every line with a problem is listed: correct them and import the file again.',
  file: 'CSV file',
  fileHint: 'Up to 20 MB',
  fileMissing: 'Choose a CSV file',
  importFailed: 'The file could not be imported (nothing was stored).',
  line: 'Line',
  column: 'Column',
  problem: 'Problem',
  moreErrors: 'There are more problems. Correct the lines shown and import the file again.',
  tooLarge: 'The file is too large: split it into smaller files.',
  badUpload: 'The file did not arrive. Choose it and import it again.',
  columnHints: {
    held_on: 'date (YYYY-MM-DD, a real date)',
    client_ref: 'client reference (1–64 characters)',
    employer_key: 'employer (up to 200 characters)',
    industry: 'industry code (A–T)',
    size_band: 'size band code',
    age_band: 'age band code',
    employment_type: 'employment type code',
    tenure_band: 'tenure code',
    channel: 'channel code',
    duration_min: 'minutes (1–480)',
    themes: 'theme codes (separated by ;)',
    satisfaction: 'satisfaction (1–5 or empty)',
  },
};

export function labelsFor(lang: unknown): PageLabels {
  return lang === 'en' ? EN : JA;
}

export function langOf(lang: unknown): PageLang {
  return lang === 'en' ? 'en' : 'ja';
}

/** `{name}` placeholders filled in (the template escapes the result). */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}
