import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { DigestsModule } from './digests.module.js';
import { ReleasesProcessor } from './jobs/releases.processor.js';
import { RELEASES_QUEUE } from './jobs/releases.queue.js';

/** The worker side, mounted only by the worker: release builds and next-cost trial builds. */
@Module({
  imports: [DigestsModule, QueueModule.forWorker(RELEASES_QUEUE)],
  providers: [ReleasesProcessor],
})
export class DigestsWorkerModule {}
