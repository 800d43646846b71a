import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** Who asked for a purge: the hourly schedule, or a process that wants it now (at most once an hour). */
export interface PurgeExpiredSessionsPayload {
  trigger: 'schedule' | 'request';
}

/** Identity's housekeeping queue: expired sessions and old sign-in failures. */
export const MAINTENANCE_QUEUE = defineQueue(
  'maintenance',
  { 'purge-expired-sessions': payload<PurgeExpiredSessionsPayload>() },
  {
    schedules: [{ id: 'purge-expired-sessions-hourly', job: 'purge-expired-sessions', every: 3600_000, data: { trigger: 'schedule' } }],
  },
);

export type MaintenanceQueue = typeof MAINTENANCE_QUEUE;

/** Deterministic job ids: a requested purge runs once per UTC hour however often it is asked for. */
export const maintenanceJobIds = {
  purgeExpiredSessions: (at: Date) => jobId('purge-expired-sessions', at.toISOString().slice(0, 13)),
};
