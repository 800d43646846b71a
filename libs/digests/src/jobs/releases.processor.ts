import { WorkerHost } from '@nestjs/bullmq';
import { JobProcessor, type JobOf } from '@hokenshitsu/core';
import { ReleaseBuildsService } from '../builds/release-builds.service.js';
import { NextCostService } from '../series/next-cost.service.js';
import { RELEASES_QUEUE, type ReleasesQueue } from './releases.queue.js';

const STEP: Record<string, number> = { queued: 0, aggregating: 0, protecting: 1, storing: 2, done: 3, failed: 3 };

/**
 * The releases queue's one processor: release builds (ReleasesService.create, the code the API runs
 * synchronously, reporting each stage on the build's row, which the staff page shows) and next-cost
 * trial builds (the fiscal year built twice). The suppression and its audit can hold the CPU for
 * minutes, so the job's lock is long: a short one would expire while the engine runs and the job
 * would be taken for stalled and run twice.
 */
@JobProcessor(RELEASES_QUEUE, ['build-release', 'release-next-cost'], { concurrency: 1, lockDuration: 15 * 60_000, maxStalledCount: 1 })
export class ReleasesProcessor extends WorkerHost {
  constructor(
    private readonly builds: ReleaseBuildsService,
    private readonly nextCosts: NextCostService,
  ) {
    super();
  }

  async process(job: JobOf<ReleasesQueue>): Promise<unknown> {
    switch (job.name) {
      case 'build-release':
        return this.buildRelease(job);
      case 'release-next-cost':
        return this.nextCost(job);
      default:
        throw new Error(`unexpected job ${(job as { name: string }).name}`);
    }
  }

  private async buildRelease(job: JobOf<ReleasesQueue, 'build-release'>): Promise<{ stage: string; releaseId: string | null }> {
    try {
      const build = await this.builds.run(job.data.buildId, async (stage) => {
        await job.updateProgress({ stage, step: STEP[stage] ?? 0, steps: 3 });
      });
      return { stage: build.stage, releaseId: build.releaseId };
    } catch (error) {
      // The last attempt: the page must stop waiting and say so (a refusal never gets here).
      if (isLastAttempt(job)) await this.builds.markBroken(job.data.buildId, job.id ?? '');
      throw error;
    }
  }

  private async nextCost(job: JobOf<ReleasesQueue, 'release-next-cost'>): Promise<{ status: string | null }> {
    try {
      const cost = await this.nextCosts.run(job.data.costId, (progress) => job.updateProgress(progress));
      return { status: cost?.status ?? null };
    } catch (error) {
      if (isLastAttempt(job)) await this.nextCosts.markBroken(job.data.costId, job.id ?? '');
      throw error;
    }
  }
}

function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
