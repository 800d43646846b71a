import type { Lang } from '@hokenshitsu/web';
import type { BuildStage, ReleaseBuild } from '../builds/release-build.entity.js';

/** The stages staff watch, in order; `queued` comes before the first and `done`/`failed` end it. */
const STEPS = ['aggregating', 'protecting', 'storing'] as const;

/** How far a build is, as the progress page and its JSON poll both give it. */
export function buildProgress(build: ReleaseBuild, now: Date) {
  const index = build.stage === 'done' ? STEPS.length : STEPS.indexOf(build.stage as (typeof STEPS)[number]);
  const reached = build.stage === 'queued' || build.stage === 'failed' ? 0 : index;
  const running = STEPS.includes(build.stage as (typeof STEPS)[number]);
  // Stage-based, the only progress the engine reports: each finished stage counts two halves, the
  // running one a half, so the bar moves when a stage starts and again when it ends.
  const value = 2 * reached + (running ? 1 : 0);
  return {
    id: build.id,
    stage: build.stage as BuildStage,
    finished: build.stage === 'done' || build.stage === 'failed',
    step: reached,
    steps: STEPS.length,
    value,
    max: 2 * STEPS.length,
    percent: Math.round((value / (2 * STEPS.length)) * 100),
    elapsedSeconds: Math.max(0, Math.round((now.getTime() - build.createdAt.getTime()) / 1000)),
    releaseId: build.releaseId,
  };
}

export function toBuildView(build: ReleaseBuild, now: Date, _lang: Lang) {
  const progress = buildProgress(build, now);
  const current = STEPS.indexOf(build.stage as (typeof STEPS)[number]);
  return {
    ...progress,
    label: build.input.label,
    periodStart: build.input.periodStart,
    periodEnd: build.input.periodEnd,
    failed: build.stage === 'failed',
    queued: build.stage === 'queued',
    stepNumber: Math.min(progress.step + 1, STEPS.length),
    stages: STEPS.map((stage, i) => ({ stage, state: build.stage === 'done' || (current >= 0 && i < current) ? 'done' : i === current ? 'current' : 'waiting' })),
    error: build.error,
  };
}
