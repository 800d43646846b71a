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
}

export const DEFAULT_POLICY: DisclosurePolicy = { k: 5, min_employers: 3, max_employer_share: 0.6, attribute_factor: 2 };

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
}
