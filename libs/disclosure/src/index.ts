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
  PublishedRelease,
  SuppressionReason,
} from './types.js';
export { DEFAULT_POLICY, InvalidDisclosurePolicyError, type DisclosurePolicy } from './policy.js';
export { cellKey, InvalidAggregateError } from './cells.js';
export { aggregateClients } from './aggregate-clients.js';
export { auditRelease } from './auditor.js';
export { buildDisclosure } from './build-disclosure.js';
