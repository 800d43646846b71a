import type { AuditFinding, DisclosedCell } from '@hokenshitsu/disclosure';
import type { Lang } from '@hokenshitsu/web';
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
    },
    loss: { cells: percent(loss.cellShare, 1), clients: percent(loss.clientShare, 0) },
    pattern: suppressionPattern(cells),
    reasons: suppressionReasonCounts(cells),
    publishable: r.status === 'draft' && audit.passed,
  };
}
