// The public data shapes of the disclosure engine. The SQL side (digests) builds CellAggregate rows
// against these; keep names and shapes stable.

export type Dimension = 'total' | 'theme' | 'age_band' | 'employment_type' | 'tenure_band' | 'channel';
export type CategoryDimension = Exclude<Dimension, 'total'>;
export type Population = 'employed' | 'all';
/**
 * Sector margins of the tables. 'primary_secondary' is the primary sector folded into the
 * secondary for publication (a tiny primary sector otherwise costs large cells; see cell-grid.ts).
 */
export type Sector = 'primary' | 'secondary' | 'tertiary' | 'primary_secondary';

/** The code lists, passed in (the reference lib owns them). */
export interface Classification {
  /** JSIC divisions A..T with their sector. */
  industries: { code: string; sector: Sector }[];
  /** e.g. ['1-19', '20-99', '100-299', '300+'] */
  sizeClasses: string[];
  categories: Record<CategoryDimension, string[]>;
}

export interface CellRef {
  population: Population;
  industry: string;
  sizeClass: string;
  dimension: Dimension;
  category: string;
}

/**
 * One aggregated cell as computed by SQL (only non-zero cells are given; missing = 0).
 * industry: division code | 'primary' | 'secondary' | 'tertiary' | '*'; sizeClass: a size class | '*';
 * category '*' for dimension 'total'. Population 'all' has only industry '*' and sizeClass '*'.
 */
export interface CellAggregate extends CellRef {
  /** distinct clients */
  count: number;
  /** distinct employers (employer HMACs) among them; may be 0 for 'all' cells */
  employers: number;
  /** clients of the employer that holds most of them */
  maxEmployerCount: number;
}

export type SuppressionReason =
  | 'min_count'
  | 'min_employers'
  | 'employer_share'
  | 'attribute'
  | 'secondary'
  | 'differencing'
  | 'prior_pattern';

export interface DisclosedCell extends CellRef {
  count: number | null;
  reason?: SuppressionReason;
}

export interface PublishedRelease {
  id: string;
  /** ISO dates, inclusive */
  periodStart: string;
  periodEnd: string;
  cells: DisclosedCell[];
}

export type AuditFindingKind = 'small_published' | 'employer_rule' | 'narrow_interval' | 'differencing' | 'attribute';

export interface AuditFinding {
  kind: AuditFindingKind;
  cell: CellRef;
  /** Never holds the true count of a suppressed cell. */
  detail: string;
  /** What an attacker can prove about the hidden value (LP relaxation). */
  interval?: [number, number];
  otherReleaseId?: string;
}

export interface AuditReport {
  passed: boolean;
  checkedCells: number;
  suppressedCells: number;
  lpSolves: number;
  minIntervalWidth: number | null;
  findings: AuditFinding[];
  releasesCompared: string[];
  /** differential-privacy mode only: the noise and the privacy budget spent */
  privacy?: PrivacyAccount;
}

export interface PrivacyAccount {
  mechanism: 'discrete_laplace';
  /** privacy loss of this release */
  epsilon: number;
  /** most one client can change the sum of all cells (L1) */
  sensitivity: number;
  /** noise scale = sensitivity / epsilon */
  scale: number;
  /** standard deviation of each cell's noise */
  noiseSd: number;
  /** this release plus every published differentially private release overlapping its period */
  cumulativeEpsilon: number;
  composedWith: string[];
}

export interface InformationLoss {
  totalCells: number;
  suppressedCells: number;
  cellShare: number;
  /** share of the sum of non-zero cell counts that is suppressed */
  clientShare: number;
  /**
   * Cells of at least 3k clients, and how many of them stay published: the figure the engine is
   * judged by. Staff only: told to the public, "none of the hidden cells is large" would cap every
   * hidden value below 3k, one more bound for the interval attack. Absent on releases built before.
   */
  largeCells?: number;
  largeCellsKept?: number;
}

export interface DisclosureResult {
  /** the FULL grid, zeros included as count 0 */
  cells: DisclosedCell[];
  audit: AuditReport;
  informationLoss: InformationLoss;
}

/**
 * One client, deduplicated per release: scope and single-valued attributes from her latest
 * consultation in the period, themes and channels the union over the period.
 */
export interface ClientRecord {
  industry: string;
  sizeClass: string | null;
  employed: boolean;
  employerHmac: string | null;
  themes: string[];
  channels: string[];
  ageBand: string;
  employmentType: string;
  tenureBand: string;
}
