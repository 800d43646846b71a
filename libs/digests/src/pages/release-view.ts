import type { AuditFinding, DisclosedCell } from '@hokenshitsu/disclosure';
import type { Lang } from '@hokenshitsu/web';
import type { ScopeThemes } from '../digest/scope-themes.js';
import type { Release } from '../releases/release.entity.js';
import { toReleaseResponse } from '../releases/release.response.js';
import { suppressionPattern, suppressionReasonCounts } from './suppression-pattern.js';

/** One release as the staff list shows it. */
export function toReleaseRow(r: Release) {
  return {
    id: r.id,
    label: r.label,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status,
    passed: r.audit.passed,
    suppressedCells: r.informationLoss.suppressedCells,
    totalCells: r.informationLoss.totalCells,
    createdAt: r.createdAt,
    publishedAt: r.publishedAt,
  };
}

function describeCell(f: AuditFinding): string {
  const { population, industry, sizeClass, dimension, category } = f.cell;
  return [population, industry, sizeClass, dimension, category].join(' / ');
}

function percent(share: number, digits: number): string {
  return (share * 100).toFixed(digits);
}

/**
 * Everything staff check before publishing: the policy, the audit in words, the information loss
 * and the suppression pattern with its reasons. The figures go through the API's response mapper,
 * so the page rounds the information loss exactly as the published API does.
 */
export function toReleaseDetail(r: Release, cells: readonly DisclosedCell[], others: readonly Release[], lang: Lang) {
  const response = toReleaseResponse(r);
  const labels = new Map(others.map((o) => [o.id, o.label]));
  const { policy, audit, information_loss: loss } = response;
  return {
    release: {
      id: r.id,
      label: r.label,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      status: r.status,
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
    },
    policy: { k: policy.k, min_employers: policy.min_employers, share: Math.round(policy.max_employer_share * 100), big: policy.attribute_factor * policy.k },
    specification: response.protection_specification[lang].split('\n'),
    privacy: audit.privacy ? { ...audit.privacy, maxThemes: policy.max_themes, maxChannels: policy.max_channels } : null,
    audit: {
      passed: audit.passed,
      checkedCells: audit.checkedCells,
      suppressedCells: audit.suppressedCells,
      lpSolves: audit.lpSolves,
      minIntervalWidth: audit.minIntervalWidth,
      hasMinInterval: audit.minIntervalWidth !== null,
      compared: (audit.releasesCompared ?? []).map((id) => ({ id, label: labels.get(id) ?? id })),
      findings: audit.findings.map((f) => ({ kind: f.kind, cell: describeCell(f), detail: f.detail })),
      k: policy.k,
    },
    plain: plainAudit(r, policy.k, lang),
    loss: { cells: percent(loss.cellShare, 1), clients: percent(loss.clientShare, 0) },
    pattern: suppressionPattern(cells),
    reasons: suppressionReasonCounts(cells),
    publishable: r.status === 'draft' && audit.passed,
    published: r.status === 'published',
  };
}

/** One figure of the audit in plain words: a locale key, its values, and a line on why it matters. */
export interface PlainFact {
  key: string;
  vars: Record<string, number | string>;
  why: string;
  ok: boolean;
}

/**
 * The audit as staff read it without the engine's vocabulary: the verdict first, then each figure
 * as a sentence with its unit (件, 人) and a line on why it matters. The exact terms (k, ε, LP
 * solves, interval widths, finding codes) stay in the page's details section.
 */
export function plainAudit(r: Release, k: number, lang: Lang): { verdict: string; facts: PlainFact[] } {
  const a = r.audit;
  const n = (value: number) => value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
  const verdict = !a.passed ? 'failed' : r.status === 'published' ? 'published' : 'publishable';
  const facts: PlainFact[] = [];
  const compared = (a.releasesCompared ?? []).length;
  if (a.privacy) {
    facts.push({ key: 'noise', vars: { total: n(a.checkedCells), sd: n(Math.round(a.privacy.noiseSd)) }, why: 'noise', ok: true });
  } else {
    facts.push(a.suppressedCells > 0
      ? { key: 'suppressed', vars: { total: n(a.checkedCells), suppressed: n(a.suppressedCells) }, why: 'suppressed', ok: true }
      : { key: 'suppressedNone', vars: { total: n(a.checkedCells) }, why: 'suppressed', ok: true });
    facts.push({ key: 'minimum', vars: { k }, why: 'minimum', ok: !a.findings.some((f) => f.kind === 'small_published') });
    if (a.minIntervalWidth === null) facts.push({ key: 'intervalNone', vars: {}, why: 'interval', ok: true });
    else if (a.minIntervalWidth >= k) facts.push({ key: 'interval', vars: { width: n(a.minIntervalWidth) }, why: 'interval', ok: true });
    else facts.push({ key: 'intervalNarrow', vars: { width: a.minIntervalWidth, k }, why: 'interval', ok: false });
  }
  facts.push(compared > 0 ? { key: 'compared', vars: { count: n(compared) }, why: 'compared', ok: true } : { key: 'comparedNone', vars: {}, why: 'compared', ok: true });
  facts.push(a.findings.length > 0 ? { key: 'findings', vars: { count: n(a.findings.length) }, why: 'findings', ok: false } : { key: 'findingsNone', vars: {}, why: 'findingsNone', ok: true });
  return { verdict, facts };
}

/**
 * Every scope's themes for the staff preview: a published figure, or `suppressed` (shown as 非公表),
 * never the number behind a null.
 */
export function toScopeThemesView(s: ScopeThemes, lang: Lang) {
  const cell = (count: number | null) => (count === null ? { suppressed: true } : { suppressed: false, count });
  return {
    themes: s.themes.map((t) => t[lang]),
    rows: s.rows.map((r) => ({
      label: r.label[lang],
      key: `${r.population}|${r.industry}|${r.sizeClass}`,
      total: cell(r.total),
      themes: r.themes.map(cell),
    })),
  };
}
