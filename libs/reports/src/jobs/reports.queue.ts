import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** One report to render: its row holds the release, scope, locale and the versions it uses. */
export interface RenderReportPayload {
  reportId: string;
}

/** The parent of a publication's flow: done when every report of the release is rendered. */
export interface ReportBatchPayload {
  releaseId: string;
  total: number;
}

/** Reports' queue: PDF renders (a warm Chromium in the worker) and the batches a publication queues. */
export const REPORTS_QUEUE = defineQueue('reports', {
  'render-report': payload<RenderReportPayload>(),
  'report-batch': payload<ReportBatchPayload>(),
});

export type ReportsQueue = typeof REPORTS_QUEUE;

export interface ReportJobKey {
  releaseId: string;
  industry: string;
  sizeClass: string;
  locale: string;
  templateVersion: string;
  adviceVersion: number;
}

/**
 * Deterministic ids: the same release, scope, locale, template and advice version is one job
 * however often or however concurrently it is asked for.
 */
export const reportJobIds = {
  render: (k: ReportJobKey) => jobId('render-report', k.releaseId, k.industry, k.sizeClass, k.locale, `t${k.templateVersion}`, `a${k.adviceVersion}`),
  batch: (releaseId: string, templateVersion: string, adviceVersion: number) => jobId('report-batch', releaseId, `t${templateVersion}`, `a${adviceVersion}`),
};
