import type { DisclosurePolicy } from '@hokenshitsu/disclosure';
import type { Digest, EmployerSupportTerms } from '@hokenshitsu/digests';

export type ReportLocale = 'ja' | 'en';
export const REPORT_LOCALES: readonly ReportLocale[] = ['ja', 'en'];

/** Advice for employers on one theme, written by city staff (one version of the whole set). */
export interface AdviceEntry {
  theme: string;
  ja: string;
  en: string;
}

/**
 * What users said the consultation gave them, one answer per entry. No release publishes it yet
 * (the digest has no such figures), so the report says so; the field is here so that adding it
 * later is a change to the worker's read, not to the template contract. A null share is withheld.
 */
export interface ReportSatisfaction {
  items: { ja: string; en: string; share: number | null }[];
}

/** Everything a report shows, read by the worker before it renders (the template reads nothing else). */
export interface ReportInput {
  locale: ReportLocale;
  /** The manager's own industry (JSIC division) and size class: the report's title. */
  requested: { industry: string; sizeClass: string };
  /** The digest the API returns for that scope (its `scope` may be broader than `requested`). */
  digest: Digest;
  release: {
    id: string;
    label: string;
    periodStart: string;
    periodEnd: string;
    status: 'draft' | 'published';
    publishedAt: Date | null;
    policy: DisclosurePolicy;
  };
  advice: { version: number; entries: AdviceEntry[] };
  /** Absent until a release publishes satisfaction figures. */
  satisfaction?: ReportSatisfaction;
  /** The subsidy open when the report is rendered (null: none), shown beside the advice. */
  support?: EmployerSupportTerms | null;
}

/** A report ready for Chromium: the whole HTML document (styles and fonts inline), its title and language. */
export interface ReportDocument {
  html: string;
  title: string;
  lang: ReportLocale;
}
