import { Injectable } from '@nestjs/common';
import { InjectJobQueue, JobQueue } from '@hokenshitsu/core';
import { RELEASES_QUEUE, releaseJobIds, type ReleasesQueue } from './releases.queue.js';

/** Queues a recorded release build for the worker (from the api's staff page). */
@Injectable()
export class ReleaseBuildsProducer {
  constructor(@InjectJobQueue(RELEASES_QUEUE) private readonly queue: JobQueue<ReleasesQueue>) {}

  async enqueueBuild(buildId: string): Promise<{ jobId: string }> {
    const jobId = releaseJobIds.buildRelease(buildId);
    await this.queue.add('build-release', { buildId }, { jobId });
    return { jobId };
  }
}
