import type { Classification } from '@hokenshitsu/disclosure';
import { AGE_BANDS, CHANNELS, EMPLOYMENT_TYPES, INDUSTRIES, SIZE_CLASSES, TENURE_BANDS, THEMES } from '@hokenshitsu/reference';

/** The reference code lists in the shape the disclosure engine takes. */
export const CLASSIFICATION: Classification = {
  industries: INDUSTRIES.map((i) => ({ code: i.code, sector: i.sector })),
  sizeClasses: SIZE_CLASSES.map((s) => s.code),
  categories: {
    theme: THEMES.map((t) => t.code),
    age_band: AGE_BANDS.map((a) => a.code),
    employment_type: EMPLOYMENT_TYPES.map((e) => e.code),
    tenure_band: TENURE_BANDS.map((t) => t.code),
    channel: CHANNELS.map((c) => c.code),
  },
};
