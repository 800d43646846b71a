import type { Classification } from '@hokenshitsu/disclosure';
import { AGE_BANDS, CHANNELS, EMPLOYMENT_TYPES, TENURE_BANDS, THEMES } from '@hokenshitsu/reference';

/**
 * The categories a client is counted under, per dimension, in code-list order. The order belongs to
 * the table: the generated columns theme_mask and channel_mask set bit i for the i-th code (see the
 * releases migration), so the aggregation and any classification built on it must use these lists.
 */
export const CONSULTATION_CATEGORIES: Classification['categories'] = {
  theme: THEMES.map((t) => t.code),
  age_band: AGE_BANDS.map((a) => a.code),
  employment_type: EMPLOYMENT_TYPES.map((e) => e.code),
  tenure_band: TENURE_BANDS.map((t) => t.code),
  channel: CHANNELS.map((c) => c.code),
};
