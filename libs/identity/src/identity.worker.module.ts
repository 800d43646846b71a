import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { IdentityModule } from './identity.module.js';
import { MAINTENANCE_QUEUE } from './jobs/maintenance.queue.js';
import { SessionPurgeProcessor } from './jobs/session-purge.processor.js';

/** The worker side, mounted only by the worker: identity's processors and its hourly schedule. */
@Module({
  imports: [IdentityModule, QueueModule.forWorker(MAINTENANCE_QUEUE)],
  providers: [SessionPurgeProcessor],
})
export class IdentityWorkerModule {}
