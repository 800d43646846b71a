import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '@hokenshitsu/core';
import type { CreateReleaseInput } from '../releases/releases.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { ReleaseBuildsProducer } from '../jobs/release-builds.producer.js';
import type { BuildStage, ReleaseBuild } from './release-build.entity.js';
import { ReleaseBuildsRepository } from './release-builds.repository.js';

/**
 * Release builds asked for from the staff page. A build can take minutes, so the page records the
 * request, the worker runs it (ReleasesService.create, the code the API runs synchronously) and
 * reports each stage on the build's row, and the page follows that row.
 */
@Injectable()
export class ReleaseBuildsService {
  constructor(
    private readonly builds: ReleaseBuildsRepository,
    private readonly releases: ReleasesService,
    private readonly producer: ReleaseBuildsProducer,
  ) {}

  /**
   * Records and queues a build. The form's one-time token makes a second post of the same form
   * (a double click, a resend after a timeout) find the first build instead of making a second
   * draft. The quick refusals (period, policy, one mode per period) are thrown here, before
   * anything is queued, so the form can show them by their fields.
   */
  async request(staff: { id: string }, token: string, input: CreateReleaseInput): Promise<ReleaseBuild> {
    const known = await this.builds.findByToken(staff.id, token);
    if (known) return known;
    await this.releases.checkInput(input);
    // Two posts racing with the same token: the unique key lets one insert; both answer its build.
    const created = await this.builds.insertIfNew(staff.id, token, input);
    if (created) await this.producer.enqueueBuild(created);
    return (await this.builds.findByToken(staff.id, token))!;
  }

  /** Any staff member may follow any build (they share the work); the controller is staff-only. */
  async get(id: string): Promise<ReleaseBuild> {
    const build = await this.builds.find(id);
    if (!build) throw new NotFoundError('release build');
    return build;
  }

  /**
   * Runs a build once (the worker calls this). A build already done or failed is left alone, so a
   * retried job never makes a second draft: the draft and the build's "done" commit in one
   * transaction. A refusal (a domain error) is the build's outcome, shown on its page; anything
   * else is thrown for the queue to retry.
   */
  async run(buildId: string, onStage?: (stage: BuildStage) => Promise<void>): Promise<ReleaseBuild> {
    const build = await this.get(buildId);
    if (build.stage === 'done' || build.stage === 'failed') return build;
    const stage = async (next: BuildStage) => {
      await this.builds.setStage(build.id, next);
      await onStage?.(next);
    };
    const requester = { id: build.requestedBy };
    try {
      await this.releases.create(requester, build.input, {
        onStage: stage,
        onStored: (tx, releaseId) => this.builds.markDone(tx, build.id, releaseId),
      });
      await onStage?.('done');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.builds.markFailed(build.id, { message: error.message, fields: error.fields });
      await onStage?.('failed');
    }
    return this.get(build.id);
  }

  /** A build whose job gave up (an unexpected error, retries spent): the page stops waiting and says so. */
  async markBroken(buildId: string, jobId: string): Promise<void> {
    await this.builds.markFailed(buildId, { message: `the build stopped on an unexpected error (job ${jobId}); see the worker's log`, fields: [] });
  }
}
