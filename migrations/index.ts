import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Consultations1764100000000 } from './1764100000000-consultations.js';
import { Releases1764200000000 } from './1764200000000-releases.js';
import { ConsultationImports1764350000000 } from './1764350000000-consultation-imports.js';
import { ReleaseBuilds1764360000000 } from './1764360000000-release-builds.js';
import { Reports1764400000000 } from './1764400000000-reports.js';
import { MailOutbox1764450000000 } from './1764450000000-mail-outbox.js';
import { Subsidies1764500000000 } from './1764500000000-subsidies.js';
import { ReleaseNextCosts1764550000000 } from './1764550000000-release-next-costs.js';
import { FoldedSector1764600000000 } from './1764600000000-folded-sector.js';

/** Every migration, in order. Listed by hand: an ESM build has no reliable glob loading. */
export const MIGRATIONS = [Foundation1764000000000, Consultations1764100000000, Releases1764200000000, ConsultationImports1764350000000, ReleaseBuilds1764360000000, Reports1764400000000, MailOutbox1764450000000, Subsidies1764500000000, ReleaseNextCosts1764550000000, FoldedSector1764600000000];
