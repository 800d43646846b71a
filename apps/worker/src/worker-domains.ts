import { DigestsWorkerModule } from '@hokenshitsu/digests';
import { IdentityWorkerModule } from '@hokenshitsu/identity';
import { MailWorkerModule } from '@hokenshitsu/mail';
import { ReportsWorkerModule } from '@hokenshitsu/reports';
import { SubsidiesWorkerModule } from '@hokenshitsu/subsidies';

/**
 * The worker side of every domain the worker mounts (processors, schedules, heavy providers),
 * keyed by lib, in domains.json's order (the libs marked "worker"); test/unit/domains.spec.ts
 * fails when the two disagree.
 */
export const WORKER_DOMAIN_MODULES = {
  identity: IdentityWorkerModule,
  digests: DigestsWorkerModule,
  reports: ReportsWorkerModule,
  mail: MailWorkerModule,
  subsidies: SubsidiesWorkerModule,
};
