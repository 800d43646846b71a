/**
 * Queue and job names, in one place. Each job name belongs to exactly one queue and must have
 * exactly one handler: the worker checks this before it starts (assertEveryJobHandled).
 */
export const QUEUES = {
  maintenance: { name: 'maintenance', jobs: ['purge-expired-sessions'] },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

/** Deterministic ids for work that must happen once (BullMQ drops a duplicate id). */
export const jobIds = {
  purgeSessions: (hourIso: string) => `purge-sessions:${hourIso}`,
};

/** A processor's declaration of what it handles. */
export interface JobHandlerDeclaration {
  queue: string;
  handles: readonly string[];
}

/** Throws, naming the job, when a declared job has no handler or two, or a handler names an unknown job. */
export function assertEveryJobHandled(handlers: JobHandlerDeclaration[]): void {
  for (const queue of Object.values(QUEUES)) {
    for (const job of queue.jobs) {
      const count = handlers.filter((h) => h.queue === queue.name && h.handles.includes(job)).length;
      if (count !== 1) throw new Error(`job "${queue.name}/${job}" has ${count} handlers (exactly one needed)`);
    }
  }
  for (const h of handlers) {
    const queue = Object.values(QUEUES).find((q) => q.name === h.queue);
    for (const job of h.handles) {
      if (!queue || !(queue.jobs as readonly string[]).includes(job)) throw new Error(`handler for unknown job "${h.queue}/${job}"`);
    }
  }
}
