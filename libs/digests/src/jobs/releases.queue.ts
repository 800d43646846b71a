import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** A release build requested from the staff page; the build's row holds its input and its stage. */
export interface BuildReleasePayload {
  buildId: string;
}

/** What publishing a draft would cost its fiscal year's release; the answer's row holds the draft and the year. */
export interface ReleaseNextCostPayload {
  costId: string;
}

/**
 * Digests' queue: release builds and next-cost trial builds, which take from seconds to minutes of
 * CPU (suppression, LP audit).
 */
export const RELEASES_QUEUE = defineQueue('releases', {
  'build-release': payload<BuildReleasePayload>(),
  'release-next-cost': payload<ReleaseNextCostPayload>(),
});

export type ReleasesQueue = typeof RELEASES_QUEUE;

/** One job per build however often it is queued (a double post, a retried request). */
export const releaseJobIds = {
  buildRelease: (buildId: string) => jobId('build-release', buildId),
  /** One job per answer and round: asking again while it runs is the same job; after a failure, the next round. */
  nextCost: (costId: string, round: number) => jobId('release-next-cost', costId, `r${round}`),
};
