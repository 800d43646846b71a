import { CONSULTATION_CATEGORIES } from '@hokenshitsu/consultations';
import type { Classification } from '@hokenshitsu/disclosure';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';

/**
 * The reference code lists in the shape the disclosure engine takes. The categories are the ones
 * the consultations' aggregation counts, in its order, so the engine and the aggregates agree.
 */
export const CLASSIFICATION: Classification = {
  industries: INDUSTRIES.map((i) => ({ code: i.code, sector: i.sector })),
  sizeClasses: SIZE_CLASSES.map((s) => s.code),
  categories: CONSULTATION_CATEGORIES,
};
