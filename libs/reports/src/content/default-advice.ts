import type { AdviceEntry } from './report-input.js';

/** Placeholder until the content branch lands: the first version of the advice city staff then edit. */
export const DEFAULT_ADVICE: AdviceEntry[] = [];
