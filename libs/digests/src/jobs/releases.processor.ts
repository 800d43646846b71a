import { WorkerHost } from '@nestjs/bullmq';
import { JobProcessor, type JobOf } from '@hokenshitsu/core';
import { ReleaseBuildsService } from '../builds/release-builds.service.js';
import { RELEASES_QUEUE, type ReleasesQueue } from './releases.queue.js';

const STEP: Record<string, number> = { queued: 0, aggregating: 0, protecting: 1, storing: 2, done: 3, failed: 3 };

/**
 * Runs a release build: ReleasesService.create, the code the API runs synchronously, reporting each
 * stage on the build's row (what the staff page shows) and as the job's progress. The suppression
 * and its audit can hold the CPU for minutes, so the job's lock is long: a short one would expire
 * while the engine runs and the build would be taken for stalled and run twice.
 */
@JobProcessor(RELEASES_QUEUE, ['build-release'], { concurrency: 1, lockDuration: 15 * 60_000, maxStalledCount: 1 })
export class BuildReleaseProcessor extends WorkerHost {
  constructor(private readonly builds: ReleaseBuildsService) {
    super();
  }

  async process(job: JobOf<ReleasesQueue>): Promise<{ stage: string; releaseId: string | null }> {
    if (job.name !== 'build-release') throw new Error(`unexpected job ${job.name}`);
    try {
      const build = await this.builds.run(job.data.buildId, async (stage) => {
        await job.updateProgress({ stage, step: STEP[stage] ?? 0, steps: 3 });
      });
      return { stage: build.stage, releaseId: build.releaseId };
    } catch (error) {
      // The last attempt: the page must stop waiting and say so (a refusal never gets here).
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.builds.markBroken(job.data.buildId, job.id ?? '');
      throw error;
    }
  }
}
