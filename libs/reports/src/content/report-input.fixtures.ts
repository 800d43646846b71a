// A realistic report input for the specs and for looking at the rendered PDF: a manufacturer with
// 20–99 employees whose own group is too small, so the figures come from manufacturing as a whole.
import type { DisclosedCell } from '@hokenshitsu/disclosure';
import { buildDigest, type Digest } from '@hokenshitsu/digests';
import { DEFAULT_ADVICE } from './default-advice.js';
import type { ReportInput, ReportLocale } from './report-input.js';

function cell(industry: string, sizeClass: string, dimension: DisclosedCell['dimension'], category: string, count: number | null, population: DisclosedCell['population'] = 'employed'): DisclosedCell {
  return { population, industry, sizeClass, dimension, category, count };
}

const CITY_THEMES: Record<string, number> = {
  startup: 130, side_job: 70, career_change: 150, second_career: 45, reskilling: 95, promotion: 25, working_conditions: 110,
  workplace_relations: 70, harassment: 40, childcare_balance: 60, return_to_work: 55, caregiving: 35, health: 120, self_understanding: 90, work_life_balance: 85,
};

/** Manufacturing (E), all sizes: 46 people; two themes and a few breakdown figures withheld. */
const MANUFACTURING: [DisclosedCell['dimension'], string, number | null][] = [
  ['total', '*', 46],
  ['theme', 'working_conditions', 15], ['theme', 'career_change', 12], ['theme', 'health', 10], ['theme', 'childcare_balance', 9],
  ['theme', 'reskilling', 8], ['theme', 'workplace_relations', 7], ['theme', 'promotion', 6], ['theme', 'startup', 5],
  ['theme', 'harassment', null], ['theme', 'caregiving', null], ['theme', 'side_job', 0],
  ['age_band', '-19', 0], ['age_band', '20-29', 8], ['age_band', '30-39', 14], ['age_band', '40-49', 13], ['age_band', '50-59', 7], ['age_band', '60+', null],
  ['employment_type', 'regular', 30], ['employment_type', 'non_regular', 16],
  ['tenure_band', 'lt1', 6], ['tenure_band', '1-3', 12], ['tenure_band', '3-10', null], ['tenure_band', '10+', 15],
  ['channel', 'in_person', 20], ['channel', 'online', 14], ['channel', 'phone', 5], ['channel', 'web_form', 9], ['channel', 'branch_booth', null],
];

export const SAMPLE_CELLS: DisclosedCell[] = [
  cell('*', '*', 'total', '*', 620, 'all'),
  ...Object.entries(CITY_THEMES).map(([code, n]) => cell('*', '*', 'theme', code, n, 'all')),
  cell('E', '20-99', 'total', '*', null),
  ...MANUFACTURING.map(([dimension, category, count]) => cell('E', '*', dimension, category, count)),
];

export function sampleDigest(): Digest {
  return buildDigest(SAMPLE_CELLS, 'E', '20-99', 5)!;
}

export function sampleReportInput(locale: ReportLocale = 'ja', overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    locale,
    requested: { industry: 'E', sizeClass: '20-99' },
    digest: sampleDigest(),
    release: {
      id: 'rel-2026-h1',
      label: locale === 'ja' ? '2026年度上期' : 'FY2026 first half',
      periodStart: '2026-04-01',
      periodEnd: '2026-09-30',
      status: 'published',
      // 01:30 on 15 October in Tokyo, still the 14th in UTC
      publishedAt: new Date('2026-10-14T16:30:00Z'),
      policy: { k: 5, min_employers: 3, max_employer_share: 0.6, attribute_factor: 2 },
    },
    advice: { version: 1, entries: [...DEFAULT_ADVICE] },
    ...overrides,
  };
}
