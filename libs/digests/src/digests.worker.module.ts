import { Module } from '@nestjs/common';
import { QueueModule } from '@hokenshitsu/core';
import { DigestsModule } from './digests.module.js';
import { BuildReleaseProcessor } from './jobs/build-release.processor.js';
import { RELEASES_QUEUE } from './jobs/releases.queue.js';

/** The worker side, mounted only by the worker: release builds. */
@Module({
  imports: [DigestsModule, QueueModule.forWorker(RELEASES_QUEUE)],
  providers: [BuildReleaseProcessor],
})
export class DigestsWorkerModule {}
