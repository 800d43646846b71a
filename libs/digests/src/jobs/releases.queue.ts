import { defineQueue, jobId, payload } from '@hokenshitsu/core';

/** A release build requested from the staff page; the build's row holds its input and its stage. */
export interface BuildReleasePayload {
  buildId: string;
}

/** Digests' queue: release builds, which take from seconds to minutes of CPU (suppression, LP audit). */
export const RELEASES_QUEUE = defineQueue('releases', { 'build-release': payload<BuildReleasePayload>() });

export type ReleasesQueue = typeof RELEASES_QUEUE;

/** One job per build however often it is queued (a double post, a retried request). */
export const releaseJobIds = {
  buildRelease: (buildId: string) => jobId('build-release', buildId),
};
