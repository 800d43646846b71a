import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** Every migration, in order. Listed by hand: an ESM build has no reliable glob loading. */
export const MIGRATIONS = [Foundation1764000000000];
