import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import type { Lang } from '@hokenshitsu/web';
import type { Report } from '../reports/report.entity.js';

/** What the report pages show of one report; the words come from the locale files by `status`. */
export interface ReportView {
  id: string;
  industry: string;
  sizeClass: string;
  locale: string;
  /** "製造業・20〜99人": the scope the report was asked for. */
  scope: string;
  status: Report['status'];
  progress: number;
  working: boolean;
  done: boolean;
  failed: boolean;
  /** Kilobytes, rounded up: "123 KB" beside the download link. */
  kilobytes?: number;
  error?: string;
  releaseId: string;
  releaseLabel?: string;
  requestedAt?: Date;
}

export function scopeLabel(industry: string, sizeClass: string, lang: Lang): string {
  const i = INDUSTRIES.find((x) => x.code === industry);
  const s = SIZE_CLASSES.find((x) => x.code === sizeClass);
  return [i?.[lang] ?? industry, s?.[lang] ?? sizeClass].join(lang === 'ja' ? '・' : ', ');
}

export function toReportView(r: Report & { requestedAt?: Date }, lang: Lang, releaseLabel?: string): ReportView {
  const working = r.status === 'queued' || r.status === 'rendering';
  return {
    id: r.id,
    industry: r.industry,
    sizeClass: r.sizeClass,
    locale: r.locale,
    scope: scopeLabel(r.industry, r.sizeClass, lang),
    status: r.status,
    progress: r.status === 'done' ? 100 : r.progress,
    working,
    done: r.status === 'done',
    failed: r.status === 'failed',
    kilobytes: r.bytes ? Math.max(1, Math.ceil(r.bytes / 1024)) : undefined,
    error: r.status === 'failed' ? (r.error ?? undefined) : undefined,
    releaseId: r.releaseId,
    releaseLabel,
    requestedAt: r.requestedAt,
  };
}
