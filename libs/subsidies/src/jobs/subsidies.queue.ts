import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** One official notice to render as PDF: its row holds everything it says. */
export interface RenderNoticePayload {
  noticeId: string;
}

export interface SweepPayload {
  trigger: 'schedule';
}

/**
 * Subsidies' queue: notice PDFs (the worker's warm Chromium, as reports use), a sweep that queues
 * notices whose job never reached Redis (issued while it was down), and the daily deadline reminders.
 */
export const SUBSIDIES_QUEUE = defineQueue(
  'subsidies',
  {
    'render-notice': payload<RenderNoticePayload>(),
    'sweep-notices': payload<SweepPayload>(),
    'remind-deadlines': payload<SweepPayload>(),
  },
  {
    schedules: [
      { id: 'sweep-notices-every-minute', job: 'sweep-notices', every: 60_000, data: { trigger: 'schedule' } },
      { id: 'remind-deadlines-hourly', job: 'remind-deadlines', every: 3600_000, data: { trigger: 'schedule' } },
    ],
  },
);

export type SubsidiesQueue = typeof SUBSIDIES_QUEUE;

/** A notice is rendered once however often its job is asked for. */
export const subsidyJobIds = {
  renderNotice: (noticeId: string) => jobId('render-notice', noticeId),
};
