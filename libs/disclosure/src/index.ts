// @hokenshitsu/disclosure: k-anonymity and statistical disclosure control for the consultation
// digests. Pure TypeScript: data in, data out (the LP solver is WebAssembly, loaded once).
export type {
  AuditFinding,
  AuditReport,
  CellAggregate,
  CellRef,
  Classification,
  ClientRecord,
  Dimension,
  DisclosedCell,
  DisclosureResult,
  InformationLoss,
  Population,
  PrivacyAccount,
  PublishedRelease,
  SuppressionReason,
} from './types.js';
export {
  assertValidPolicy,
  DEFAULT_POLICY,
  DISCLOSURE_MODES,
  DP_DEFAULTS,
  InvalidDisclosurePolicyError,
  isDifferentiallyPrivate,
  resolvePolicy,
  type DisclosureMode,
  type DisclosurePolicy,
} from './policy.js';
export { capContributions } from './differential-privacy/contribution-cap.js';
export { buildNoisyDisclosure, dpSensitivity, privacyAccount } from './differential-privacy/noisy-disclosure.js';
export { cellKey, InvalidAggregateError } from './grid/cell-grid.js';
export { IncompatibleTablesError } from './grid/release-context.js';
export { foldPrimarySector, usesFoldedSectors } from './grid/table-design.js';
export { aggregateClients } from './grid/aggregate-clients.js';
export { auditRelease } from './audit/auditor.js';
export { buildDisclosure, LARGE_CELL_FACTOR } from './build-disclosure.js';
