import { Processor } from '@nestjs/bullmq';
import { applyDecorators, SetMetadata, type Type } from '@nestjs/common';
import type { WorkerOptions } from 'bullmq';
import type { JobName, QueueDeclaration } from './queue-definition.js';

const JOB_HANDLER = 'hokenshitsu:job-handler';
/** @nestjs/bullmq's key for @Processor (not exported by the package; job-handlers.spec.ts pins it). */
export const BULLMQ_PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** What one processor class handles, read by the worker's start check. */
export interface JobHandlerDeclaration {
  readonly queue: string;
  readonly handles: readonly string[];
}

/**
 * `@Processor` plus the list of jobs the class handles, checked against the queue's declared jobs
 * when the worker starts (assertEveryJobHandled): a job nobody handles, or two handle, stops it.
 */
export function JobProcessor<Q extends QueueDeclaration>(queue: Q, handles: readonly JobName<Q>[], workerOptions?: Omit<WorkerOptions, 'connection'>): ClassDecorator {
  const declaration: JobHandlerDeclaration = { queue: queue.name, handles };
  return applyDecorators(
    workerOptions ? Processor(queue.name, workerOptions) : Processor(queue.name),
    SetMetadata(JOB_HANDLER, declaration),
  );
}

export function isBullProcessor(type: Type): boolean {
  return Reflect.hasMetadata(BULLMQ_PROCESSOR_METADATA, type);
}

export function jobHandlerDeclaration(type: Type): JobHandlerDeclaration | undefined {
  return Reflect.getMetadata(JOB_HANDLER, type);
}
