export interface DisclosurePolicy {
  /** minimum distinct clients behind a published non-zero cell */
  k: number;
  /** minimum distinct employers behind a published non-zero employed cell */
  min_employers: number;
  /** largest share (0..1) of a published employed cell that one employer may hold */
  max_employer_share: number;
  /**
   * A category covering every client of a scope is published only if the scope total is at
   * least attribute_factor * k (group attribute disclosure: "everyone here is non-regular").
   */
  attribute_factor: number;
  /**
   * 'k_anonymity' (default): true counts, suppressed where the rules above say so, audited by the
   * interval attack. 'differential_privacy': every cell of the fixed grid published with keyed
   * discrete Laplace noise; the rules above do not apply (see differential-privacy/).
   */
  mode?: DisclosureMode;
  /** differential privacy: the privacy loss of one release (smaller = more noise) */
  epsilon?: number;
  /** differential privacy: themes counted per client at most (her first ones in code order) */
  max_themes?: number;
  /** differential privacy: channels counted per client at most */
  max_channels?: number;
}

export type DisclosureMode = 'k_anonymity' | 'differential_privacy';
export const DISCLOSURE_MODES: readonly DisclosureMode[] = ['k_anonymity', 'differential_privacy'];

/** Defaults of the differential-privacy mode, applied only when it is chosen. */
export const DP_DEFAULTS = { epsilon: 1, max_themes: 3, max_channels: 2 } as const;

export function isDifferentiallyPrivate(policy: DisclosurePolicy): boolean {
  return policy.mode === 'differential_privacy';
}

export const DEFAULT_POLICY: DisclosurePolicy = { k: 5, min_employers: 3, max_employer_share: 0.6, attribute_factor: 2, mode: 'k_anonymity' };

/** The policy a release is built with: defaults, the caller's choices, the mode's own defaults. */
export function resolvePolicy(choices: Partial<DisclosurePolicy>): DisclosurePolicy {
  const policy: DisclosurePolicy = { ...DEFAULT_POLICY, ...choices };
  return isDifferentiallyPrivate(policy) ? { ...DP_DEFAULTS, ...policy } : policy;
}

export class InvalidDisclosurePolicyError extends Error {
  readonly code = 'INVALID_DISCLOSURE_POLICY';
  constructor(readonly field: keyof DisclosurePolicy, reason: string) {
    super(`disclosure policy ${field}: ${reason}`);
    this.name = 'InvalidDisclosurePolicyError';
  }
}

/** A policy that protects nothing must never be run silently. */
export function assertValidPolicy(policy: DisclosurePolicy): void {
  if (!Number.isInteger(policy.k) || policy.k < 1) throw new InvalidDisclosurePolicyError('k', 'must be an integer >= 1');
  if (!Number.isInteger(policy.min_employers) || policy.min_employers < 0) {
    throw new InvalidDisclosurePolicyError('min_employers', 'must be an integer >= 0');
  }
  if (!(policy.max_employer_share > 0 && policy.max_employer_share <= 1)) {
    throw new InvalidDisclosurePolicyError('max_employer_share', 'must be in (0, 1]');
  }
  if (!(policy.attribute_factor >= 0) || !Number.isFinite(policy.attribute_factor)) {
    throw new InvalidDisclosurePolicyError('attribute_factor', 'must be a finite number >= 0');
  }
  if (policy.mode !== undefined && !DISCLOSURE_MODES.includes(policy.mode)) {
    throw new InvalidDisclosurePolicyError('mode', `must be one of ${DISCLOSURE_MODES.join(', ')}`);
  }
  if (!isDifferentiallyPrivate(policy)) return;
  if (!(typeof policy.epsilon === 'number' && policy.epsilon > 0 && Number.isFinite(policy.epsilon))) {
    throw new InvalidDisclosurePolicyError('epsilon', 'must be a positive number');
  }
  for (const field of ['max_themes', 'max_channels'] as const) {
    const cap = policy[field];
    if (!Number.isInteger(cap) || cap! < 1) throw new InvalidDisclosurePolicyError(field, 'must be an integer >= 1');
  }
}
