import { createHash } from 'node:crypto';
import { CATEGORY_DIMENSIONS, CellGrid, cellKey, MULTI_VALUED, truthFromAggregates } from '../grid/cell-grid.js';
import { assertValidPolicy, type DisclosurePolicy, isDifferentiallyPrivate } from '../policy.js';
import type { CellAggregate, Classification, DisclosureResult, PrivacyAccount } from '../types.js';
import { discreteLaplace, discreteLaplaceVariance, keyedUniforms } from './discrete-laplace.js';

// The optional differential-privacy mode. The list of cells is fixed in advance by the code lists
// (never by the data), each client's contribution is capped (the SQL keeps her first max_themes
// themes and max_channels channels), and every cell, zeros included, gets its own discrete
// Laplace noise with scale sensitivity / epsilon. Nothing is suppressed and no rule on counts
// applies: the guarantee is that adding or removing any one client changes the probability of
// any published table by a factor of at most e^epsilon.
//
// Noise is keyed: HMAC(noise key, data digest, period, policy, cell). The same data asked again
// gives the same table (averaging repeated builds learns nothing), and any change to the data
// (a late import) draws fresh noise, so the difference of two builds is not the exact change.
// Releases that overlap in time spend budget together: the account reports the sum.

export interface NoisyDisclosureInput {
  /** true counts, already capped per client as the policy says */
  aggregates: CellAggregate[];
  policy: DisclosurePolicy;
  classification: Classification;
  periodStart: string;
  periodEnd: string;
  /** secret; the same key gives the same noise */
  noiseKey: Buffer;
  /** published differentially private releases whose periods overlap this one */
  overlapping: { id: string; epsilon: number }[];
}

/**
 * L1 sensitivity: one client is counted in one scope per level of the hierarchy (division, sector
 * and all industries, each by size class and all sizes, plus the city-wide scope), and in each
 * scope in the total, one category of each single-valued dimension, and her capped themes and
 * channels.
 */
export function dpSensitivity(classification: Classification, policy: DisclosurePolicy): number {
  const industryLevels = 3; // division, sector, '*'
  const sizeLevels = 2; // size class, '*'
  const scopes = industryLevels * sizeLevels + 1;
  let perScope = 1; // total
  for (const dimension of CATEGORY_DIMENSIONS) {
    const categories = classification.categories[dimension].length;
    if (!MULTI_VALUED.has(dimension)) perScope += categories > 0 ? 1 : 0;
    else perScope += Math.min(categories, dimension === 'theme' ? policy.max_themes! : policy.max_channels!);
  }
  return scopes * perScope;
}

export function privacyAccount(
  classification: Classification,
  policy: DisclosurePolicy,
  overlapping: { id: string; epsilon: number }[],
): PrivacyAccount {
  const sensitivity = dpSensitivity(classification, policy);
  const scale = sensitivity / policy.epsilon!;
  return {
    mechanism: 'discrete_laplace',
    epsilon: policy.epsilon!,
    sensitivity,
    scale: round(scale),
    noiseSd: round(Math.sqrt(discreteLaplaceVariance(scale))),
    cumulativeEpsilon: round(policy.epsilon! + overlapping.reduce((s, r) => s + r.epsilon, 0)),
    composedWith: overlapping.map((r) => r.id),
  };
}

export function buildNoisyDisclosure(input: NoisyDisclosureInput): DisclosureResult {
  const { policy, classification } = input;
  assertValidPolicy(policy);
  if (!isDifferentiallyPrivate(policy)) throw new RangeError('buildNoisyDisclosure needs a differential_privacy policy');
  const grid = new CellGrid(classification);
  const truth = truthFromAggregates(grid, input.aggregates);
  const account = privacyAccount(classification, policy, input.overlapping);
  const scale = account.sensitivity / policy.epsilon!;
  const seed = [
    'hokenshitsu-dp-v1',
    input.periodStart,
    input.periodEnd,
    policy.epsilon,
    policy.max_themes,
    policy.max_channels,
    dataDigest(grid, truth.count),
  ].join('|');
  const cells = grid.refs.map((ref, i) => {
    const [u1, u2] = keyedUniforms(input.noiseKey, `${seed}|${cellKey(ref)}`);
    // Clamping at zero is post-processing of the noisy value: it costs no privacy.
    return { ...ref, count: Math.max(0, truth.count[i] + discreteLaplace(scale, u1, u2)) };
  });
  return {
    cells,
    audit: {
      passed: true,
      checkedCells: grid.size,
      suppressedCells: 0,
      lpSolves: 0,
      minIntervalWidth: null,
      findings: [],
      releasesCompared: input.overlapping.map((r) => r.id),
      privacy: account,
    },
    informationLoss: { totalCells: grid.size, suppressedCells: 0, cellShare: 0, clientShare: 0 },
  };
}

function dataDigest(grid: CellGrid, counts: Float64Array): string {
  const hash = createHash('sha256');
  counts.forEach((x, i) => {
    if (x !== 0) hash.update(`${cellKey(grid.refs[i])}=${x}\n`);
  });
  return hash.digest('hex');
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
