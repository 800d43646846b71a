import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '@hokenshitsu/core';
import { isDifferentiallyPrivate } from '@hokenshitsu/disclosure';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { NextCostProducer } from '../jobs/next-cost.producer.js';
import type { Release } from '../releases/release.entity.js';
import { ReleasesRepository } from '../releases/releases.repository.js';
import { ReleasesService, type TrialBuild } from '../releases/releases.service.js';
import type { NextCostFigures, ReleaseNextCost } from './release-next-cost.entity.js';
import { ReleaseNextCostsRepository } from './release-next-costs.repository.js';
import { nextReleaseOf, publishedFingerprint } from './series-figures.js';

/**
 * What publishing a draft would cost the next release it constrains: its fiscal year's full release.
 * The worker builds that year twice with the engine (the published releases as priors; those plus
 * the draft as if published) and the answer is kept per draft and published set, so a publication
 * since makes it stale and it is computed again when asked. Staff only: the figures count large cells.
 */
@Injectable()
export class NextCostService {
  constructor(
    private readonly costs: ReleaseNextCostsRepository,
    private readonly releasesRepo: ReleasesRepository,
    private readonly releases: ReleasesService,
    private readonly producer: NextCostProducer,
  ) {}

  /**
   * Records and queues the computation, or answers the one already there for this draft and
   * published set (queued, running or done: the same job); a failed one is started again.
   */
  async request(staff: Pick<AuthenticatedUser, 'id'>, releaseId: string): Promise<ReleaseNextCost> {
    const { next } = await this.constrainedBy(releaseId);
    let cost = await this.costs.findOrCreate({
      releaseId,
      fingerprint: await this.fingerprintOf(next),
      requestedBy: staff.id,
      nextStart: next.start,
      nextEnd: next.end,
    });
    if (cost.status === 'failed') {
      await this.costs.requeue(cost.id);
      cost = (await this.costs.find(cost.id))!;
    }
    // BullMQ drops a job whose id is already queued or running: asking twice is one job.
    if (cost.status !== 'done') await this.producer.enqueue(cost);
    return cost;
  }

  /** The answer for the published releases as they are now; not found before any request (or once stale). */
  async current(releaseId: string): Promise<ReleaseNextCost> {
    const release = await this.releasesRepo.find(releaseId);
    if (!release) throw new NotFoundError('release');
    const next = nextReleaseOf(release.periodStart, release.periodEnd);
    const cost = next.kind === 'fiscal-year' ? await this.costs.findCurrent(release.id, await this.fingerprintOf(next)) : null;
    if (!cost) throw new NotFoundError('next cost of this release (ask for it first)');
    return cost;
  }

  /** One answer by its own id (the staff page follows it while it runs). */
  async get(costId: string): Promise<ReleaseNextCost> {
    const cost = await this.costs.find(costId);
    if (!cost) throw new NotFoundError('next cost');
    return cost;
  }

  /** The current answers for a fiscal year's drafts (its series page): by release id. */
  async currentFor(fiscalYearPeriod: { start: string; end: string }, drafts: readonly Release[]): Promise<Map<string, ReleaseNextCost>> {
    const fingerprint = await this.fingerprintOf(fiscalYearPeriod);
    const rows = await this.costs.findCurrentMany(drafts.map((d) => d.id), fingerprint);
    return new Map(rows.map((c) => [c.releaseId, c]));
  }

  /**
   * Runs a computation once (the worker calls this): both builds, then both figures in one write.
   * An answer with an outcome is left alone, so a retried job changes nothing; a refusal (a domain
   * error: a noisy release published over the year, say) is its outcome; anything else is thrown
   * for the queue to retry.
   */
  async run(costId: string, onProgress?: (progress: number) => Promise<void>): Promise<ReleaseNextCost | null> {
    const cost = await this.costs.find(costId);
    if (!cost || !(await this.costs.start(cost.id))) return cost;
    await onProgress?.(0);
    try {
      const draft = await this.releasesRepo.find(cost.releaseId);
      if (!draft || draft.status !== 'draft') throw new ConflictError('the release was published before its cost was computed: the cost is paid');
      const { builds } = await this.releases.trialBuilds({ start: cost.nextStart, end: cost.nextEnd }, draft.policy, [[], [draft]], async (index) => {
        if (index !== 0) return;
        await this.costs.setProgress(cost.id, 50);
        await onProgress?.(50);
      });
      const [without, withDraft] = builds as [TrialBuild, TrialBuild];
      await this.costs.markDone(cost.id, { withoutDraft: figures(without), withDraft: figures(withDraft) });
      await onProgress?.(100);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.costs.markFailed(cost.id, error.message);
    }
    return this.costs.find(cost.id);
  }

  /** A computation whose job gave up (an unexpected error, retries spent): the page stops waiting and says so. */
  async markBroken(costId: string, jobId: string): Promise<void> {
    await this.costs.markFailed(costId, `the computation stopped on an unexpected error (job ${jobId}); see the worker's log`);
  }

  /** The refusals: unknown release 404; published (its cost is paid), noisy, or without a later release in its year 409. */
  private async constrainedBy(releaseId: string) {
    const release = await this.releasesRepo.find(releaseId);
    if (!release) throw new NotFoundError('release');
    if (release.status === 'published') throw new ConflictError('release is published: what it costs the fiscal year is already paid', [{ field: 'status', message: 'is published' }]);
    if (isDifferentiallyPrivate(release.policy)) throw new ConflictError('release uses differential privacy: it suppresses no cells, so it costs no other release any', [{ field: 'policy.mode', message: 'differential_privacy' }]);
    const next = nextReleaseOf(release.periodStart, release.periodEnd);
    if (next.kind === 'is-fiscal-year') {
      throw new ConflictError(`release covers the whole fiscal year ${next.fiscalYear}: there is no later release in that year for it to constrain`, [{ field: 'period', message: 'is the fiscal year' }]);
    }
    if (next.kind === 'spans-years') {
      throw new ConflictError('release crosses the end of a fiscal year (31 March): no single fiscal-year release follows it', [{ field: 'period', message: 'crosses 31 March' }]);
    }
    return { release, next };
  }

  private async fingerprintOf(period: { start: string; end: string }): Promise<string> {
    return publishedFingerprint((await this.releasesRepo.publishedSummaries(period.start, period.end)).map((p) => p.id));
  }
}

function figures(build: TrialBuild): NextCostFigures {
  const loss = build.informationLoss;
  return { largeCells: loss.largeCells ?? 0, largeCellsKept: loss.largeCellsKept ?? 0, suppressedCells: loss.suppressedCells, totalCells: loss.totalCells, buildMs: build.buildMs };
}
