import {
  AGE_BANDS, CHANNELS, EMPLOYMENT_TYPES, INDUSTRIES, SIZE_BANDS, TENURE_BANDS, THEMES, type CodeLabel,
} from '@hokenshitsu/reference';
import { CLIENT_REF_MAX, DURATION_MAX, DURATION_MIN, EMPLOYER_KEY_MAX, type CodedField } from './consultation-rules.js';

/**
 * What a person reads about a refused row or file, in both of the portal's languages. The API's
 * `message` stays the short English text it always was; these are the texts a counsellor reads,
 * naming the allowed codes with their labels. Like the short messages they never echo a value: a
 * shifted column could put a client_ref or an employer key where a code belongs.
 */
export interface Bilingual {
  ja: string;
  en: string;
}

/** Column names as the form and the import page call them (相談日 for held_on ...). */
export const COLUMN_JA: Record<string, string> = {
  held_on: '相談日',
  client_ref: 'クライアント番号',
  employer_key: '勤務先',
  industry: '業種',
  size_band: '従業員数',
  age_band: '年代',
  employment_type: '就業形態',
  tenure_band: '勤続年数',
  channel: '相談の方法',
  duration_min: '相談時間',
  themes: 'テーマ',
  satisfaction: '満足度',
};

export const CODE_LISTS: Record<CodedField, readonly CodeLabel[]> = {
  industry: INDUSTRIES,
  size_band: SIZE_BANDS,
  age_band: AGE_BANDS,
  employment_type: EMPLOYMENT_TYPES,
  tenure_band: TENURE_BANDS,
  channel: CHANNELS,
  themes: THEMES,
};

/** `channel（相談の方法）` / `channel`: the column as a person looks for it. */
function named(column: string): Bilingual {
  const ja = COLUMN_JA[column];
  return { ja: ja ? `${column}（${ja}）` : column, en: column };
}

/** `in_person（対面）、online（オンライン）…` / `in_person (In person), online (Online), …` */
export function allowedCodes(field: CodedField): Bilingual {
  const list = CODE_LISTS[field];
  return {
    ja: list.map((c) => `${c.code}（${c.ja}）`).join('、'),
    en: list.map((c) => `${c.code} (${c.en})`).join(', '),
  };
}

export function requiredText(column: string): Bilingual {
  const n = named(column);
  return { ja: `${n.ja}: 必須です。`, en: `${n.en} is required` };
}

export function badCodeText(field: CodedField): Bilingual {
  const n = named(field);
  const allowed = allowedCodes(field);
  if (field === 'themes') {
    return {
      ja: `${n.ja}: 使えないコードがあります。1つ以上を ; で区切って書きます（例: career_change;health）。使える値: ${allowed.ja}`,
      en: `themes must be one or more theme codes separated by ; (e.g. career_change;health). Allowed: ${allowed.en}`,
    };
  }
  return { ja: `${n.ja}: この値は使えません。使える値: ${allowed.ja}`, en: `${n.en} must be one of: ${allowed.en}` };
}

export function noThemeText(): Bilingual {
  const allowed = allowedCodes('themes');
  return { ja: `themes（テーマ）: 1つ以上のコードを書いてください。使える値: ${allowed.ja}`, en: `themes must name at least one theme code. Allowed: ${allowed.en}` };
}

export function dateText(column: string): Bilingual {
  const n = named(column);
  return { ja: `${n.ja}: 実在する日付を「2026-11-04」の形（YYYY-MM-DD）で書いてください。`, en: `${n.en} must be a real date written YYYY-MM-DD` };
}

/** The same reasons as clientRefProblem, keyed by the English message it returns. */
export function clientRefText(message: string): Bilingual {
  const n = named('client_ref');
  if (message.endsWith('is required')) return requiredText('client_ref');
  if (message.includes('at most')) return { ja: `${n.ja}: ${CLIENT_REF_MAX}文字以内で書いてください。`, en: message };
  if (message.includes('control characters')) return { ja: `${n.ja}: タブや改行を含めないでください。`, en: message };
  if (message.includes('must not start')) return { ja: `${n.ja}: 先頭に = + - @ は使えません。`, en: message };
  return { ja: `${n.ja}: 書き方に誤りがあります。`, en: message };
}

export function employerKeyText(): Bilingual {
  return { ja: `employer_key（勤務先）: ${EMPLOYER_KEY_MAX}文字以内で書いてください。`, en: `employer_key must be at most ${EMPLOYER_KEY_MAX} characters` };
}

export function durationText(): Bilingual {
  return {
    ja: `duration_min（相談時間）: ${DURATION_MIN}〜${DURATION_MAX}の整数（分）で書いてください。`,
    en: `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}`,
  };
}

export function satisfactionText(): Bilingual {
  return { ja: 'satisfaction（満足度）: 1〜5の整数か、空欄にしてください。', en: 'satisfaction must be a whole number from 1 to 5, or empty' };
}

export function sizeBandRequiredText(): Bilingual {
  const employed = EMPLOYMENT_TYPES.filter((t) => t.code === 'regular' || t.code === 'non_regular');
  const allowed = allowedCodes('size_band');
  return {
    ja: `size_band（従業員数）: employment_type が ${employed.map((t) => `${t.code}（${t.ja}）`).join('、')} のときは必須です。使える値: ${allowed.ja}`,
    en: `size_band is required when employment_type is regular or non_regular. Allowed: ${allowed.en}`,
  };
}

/** A row that repeats a stored consultation, or an earlier line of the same file. */
export function repeatText(): Bilingual {
  return {
    ja: '保存済みの相談（またはこのファイルの前の行）と、クライアント番号・相談日・相談の方法・テーマが同じです。'
      + '新しい相談であれば「これらは新しい相談です（重複ではありません）」にチェックを入れて（API では confirm_new=true を付けて）、もう一度取り込んでください。',
    en: 'this row repeats a stored consultation or an earlier line of this file (same client_ref, held_on, channel and themes): '
      + 'if it is a new consultation, import the file again with confirm_new=true',
  };
}
