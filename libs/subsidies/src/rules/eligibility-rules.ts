/**
 * Who may receive the subsidy, pure. 中小企業基本法 第2条 defines an SME by industry and by either
 * capital or headcount; the programme uses headcount (what the portal records):
 * manufacturing and others ≤ 300, wholesale ≤ 100, services ≤ 100, retail ≤ 50.
 */
export const SME_CATEGORIES = ['manufacturing_other', 'wholesale', 'services', 'retail'] as const;
export type SmeCategory = (typeof SME_CATEGORIES)[number];

export const SME_MAX_EMPLOYEES: Record<SmeCategory, number> = {
  manufacturing_other: 300,
  wholesale: 100,
  services: 100,
  retail: 50,
};

/**
 * The law's category for a JSIC division where the division decides it. 卸売業，小売業 (I) and
 * 宿泊業，飲食サービス業 (M: lodging is services, restaurants count as retail) and unclassified (T)
 * do not: the applicant chooses. 公務 (S) is not a company.
 */
const CATEGORY_BY_DIVISION: Record<string, SmeCategory | null | 'ineligible'> = {
  A: 'manufacturing_other', B: 'manufacturing_other', C: 'manufacturing_other', D: 'manufacturing_other',
  E: 'manufacturing_other', F: 'manufacturing_other', H: 'manufacturing_other', J: 'manufacturing_other',
  K: 'manufacturing_other', G: 'services', L: 'services', N: 'services', O: 'services', P: 'services',
  Q: 'services', R: 'services', I: null, M: null, T: null, S: 'ineligible',
};

export type SmeCheck =
  | { ok: true; category: SmeCategory; maxEmployees: number }
  | { ok: false; reason: 'category_needed' | 'not_a_company' | 'too_large'; category?: SmeCategory; maxEmployees?: number };

/** Whether a company of this division and headcount is an SME, with the category the applicant chose where the division leaves it open. */
export function smeCheck(industry: string, employees: number, declared: SmeCategory | null | undefined): SmeCheck {
  const byDivision = CATEGORY_BY_DIVISION[industry] ?? null;
  if (byDivision === 'ineligible') return { ok: false, reason: 'not_a_company' };
  const category = byDivision ?? declared ?? null;
  if (!category) return { ok: false, reason: 'category_needed' };
  const maxEmployees = SME_MAX_EMPLOYEES[category];
  if (employees > maxEmployees) return { ok: false, reason: 'too_large', category, maxEmployees };
  return { ok: true, category, maxEmployees };
}

/** The category the division decides, or null when the applicant must choose. */
export function smeCategoryOfDivision(industry: string): SmeCategory | null {
  const c = CATEGORY_BY_DIVISION[industry];
  return c && c !== 'ineligible' ? c : null;
}

/** 'ＡＢ１２' → 'AB12': people type registration numbers with full-width digits. */
export function toHalfWidth(value: string): string {
  return value.replace(/[！-～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * キャリアコンサルタント登録番号: eight digits (the register of the Career Consultant Registration
 * Centre). Full-width digits, spaces, hyphens and a 第…号 wrapper are accepted and dropped.
 */
export function normaliseRegistrationNo(value: string): string | null {
  const digits = toHalfWidth(value).replace(/^第|号$/g, '').replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

/** Whether an address lies in the municipality: a Japanese address names its city. */
export function addressInMunicipality(address: string, municipality: string): boolean {
  return toHalfWidth(address).replace(/\s/g, '').includes(municipality);
}
