import { Injectable } from '@nestjs/common';
import { InjectJobQueue, JobQueue } from '@hokenshitsu/core';
import type { ReleaseNextCost } from '../series/release-next-cost.entity.js';
import { RELEASES_QUEUE, releaseJobIds, type ReleasesQueue } from './releases.queue.js';

/** Queues a recorded next-cost request for the worker (from the api: the staff API and page). */
@Injectable()
export class NextCostProducer {
  constructor(@InjectJobQueue(RELEASES_QUEUE) private readonly queue: JobQueue<ReleasesQueue>) {}

  async enqueue(cost: Pick<ReleaseNextCost, 'id' | 'round'>): Promise<{ jobId: string }> {
    const jobId = releaseJobIds.nextCost(cost.id, cost.round);
    await this.queue.add('release-next-cost', { costId: cost.id }, { jobId });
    return { jobId };
  }
}
