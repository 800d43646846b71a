import type { Job } from 'bullmq';

declare const PAYLOAD: unique symbol;

/** A job's payload type, carried by the type system only (the value is an empty object). */
export interface Payload<T extends object> {
  readonly [PAYLOAD]?: T;
}

/** Declares the payload type of one job in `defineQueue`'s job map. */
export function payload<T extends object>(): Payload<T> {
  return {};
}

/** Job name → payload type of one queue. */
export type JobPayloads = Record<string, object>;

/** A repeatable job the worker keeps registered in Redis (upserted by id at every start). */
export type JobSchedule<P extends JobPayloads> = {
  [N in keyof P & string]: {
    /** BullMQ job scheduler id: stable, so a restart updates the schedule instead of adding one. */
    readonly id: string;
    readonly job: N;
    readonly data: P[N];
  } & ({ readonly every: number } | { readonly pattern: string });
}[keyof P & string];

const QUEUE_DEFINITION = Symbol('hokenshitsu queue definition');

/** What every queue declares, whatever its payload types: what core's machinery reads. */
export interface QueueDeclaration {
  readonly [QUEUE_DEFINITION]: true;
  readonly name: string;
  readonly jobNames: readonly string[];
  readonly schedules: readonly ({ readonly id: string; readonly job: string; readonly data: object } & ({ readonly every: number } | { readonly pattern: string }))[];
}

/**
 * One domain's queue: its name, its jobs with their payload types, and its schedules. The domain
 * owns it (`libs/<domain>/src/jobs/`); core only knows the shape.
 */
export interface QueueDefinition<P extends JobPayloads> extends QueueDeclaration {
  readonly jobNames: readonly (keyof P & string)[];
  readonly schedules: readonly JobSchedule<P>[];
  /** Type only: the payload of each job. */
  readonly payloads?: P;
}

export type JobName<Q extends QueueDeclaration> = Q extends QueueDefinition<infer P> ? keyof P & string : never;
export type JobPayload<Q extends QueueDeclaration, N extends JobName<Q>> = Q extends QueueDefinition<infer P> ? P[N] : never;
/** A job of the queue as a processor receives it; `job.name` tells the payload apart. */
export type JobOf<Q extends QueueDeclaration, N extends JobName<Q> = JobName<Q>> = {
  [K in N]: Job<JobPayload<Q, K>, unknown, K>;
}[N];

/**
 * ```ts
 * export const MAINTENANCE_QUEUE = defineQueue('maintenance', { 'purge-expired-sessions': payload<PurgePayload>() });
 * ```
 * Job names come from the map's keys, so the names known at run time and the payload types can
 * not drift apart.
 */
export function defineQueue<P extends JobPayloads>(
  name: string,
  jobs: { [N in keyof P]: Payload<P[N]> },
  options: { schedules?: readonly NoInfer<JobSchedule<P>>[] } = {},
): QueueDefinition<P> {
  // BullMQ refuses ':' in a queue name (it separates the parts of its Redis keys).
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`queue name "${name}" must be lowercase letters, digits and -`);
  const jobNames = Object.keys(jobs) as (keyof P & string)[];
  for (const schedule of options.schedules ?? []) {
    if (!jobNames.includes(schedule.job)) throw new Error(`schedule "${schedule.id}" names unknown job "${name}/${schedule.job}"`);
  }
  return { [QUEUE_DEFINITION]: true, name, jobNames, schedules: options.schedules ?? [] };
}

export function isQueueDefinition(value: unknown): value is QueueDeclaration {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[QUEUE_DEFINITION] === true;
}

/**
 * A deterministic job id (BullMQ drops a job whose id is already in the queue), so work that must
 * happen once is enqueued once however often it is asked for. BullMQ refuses ids with ':' and ids
 * that read as integers: parts are joined with '.' and checked here, where the mistake is made.
 */
export function jobId(...parts: (string | number)[]): string {
  const id = parts.map(String).join('.');
  if (parts.length === 0 || id.includes(':') || `${parseInt(id, 10)}` === id) {
    throw new Error(`job id "${id}" must not be empty, hold ':' or read as an integer`);
  }
  return id;
}
