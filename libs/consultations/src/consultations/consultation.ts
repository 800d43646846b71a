/**
 * One anonymous career consultation, as the services pass it around. The employer key exists only
 * in ConsultationInput, in memory between validation and hashing; what is stored carries its HMAC.
 */

/** CSV columns of REFERENCE.md, in its order (the import accepts them in any order). */
export const CSV_COLUMNS = [
  'held_on', 'client_ref', 'employer_key', 'industry', 'size_band', 'age_band', 'employment_type',
  'tenure_band', 'channel', 'duration_min', 'themes', 'satisfaction',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a file must have. size_band may be absent when no row is regular or non_regular. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = [
  'held_on', 'client_ref', 'industry', 'age_band', 'employment_type', 'tenure_band', 'channel', 'duration_min', 'themes',
];

/** Export columns: the import's, with the employer's HMAC in place of the key (never the memo). */
export const EXPORT_COLUMNS = CSV_COLUMNS.map((c) => (c === 'employer_key' ? 'employer_hmac' : c));

/** Validated and normalised, before the employer key is hashed. */
export interface ConsultationInput {
  heldOn: string;
  clientRef: string;
  employerKey: string | null;
  industry: string;
  sizeBand: string | null;
  ageBand: string;
  employmentType: string;
  tenureBand: string;
  channel: string;
  durationMin: number;
  themes: string[];
  satisfaction: number | null;
  memo: string | null;
}

/** What is inserted: the key replaced by its HMAC, plus who recorded it and the import batch. */
export interface NewConsultation extends Omit<ConsultationInput, 'employerKey'> {
  employerHmac: string | null;
  recordedBy: string;
  importId: string | null;
}

export interface Consultation extends NewConsultation {
  id: string;
  recordedAt: Date;
}

/** Inclusive range of session dates (YYYY-MM-DD, Asia/Tokyo); either end may be open. */
export interface HeldOnRange {
  from?: string;
  to?: string;
}

/** A range, optionally narrowed to one client's sessions (her pseudonym, exactly). */
export interface ConsultationFilter extends HeldOnRange {
  clientRef?: string;
}
