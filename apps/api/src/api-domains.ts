import { CompaniesHttpModule } from '@hokenshitsu/companies';
import { ConsultationsHttpModule } from '@hokenshitsu/consultations';
import { DigestsHttpModule } from '@hokenshitsu/digests';
import { IdentityHttpModule } from '@hokenshitsu/identity';
import { MailHttpModule } from '@hokenshitsu/mail';
import { PortalHttpModule } from '@hokenshitsu/portal';
import { ReferenceHttpModule } from '@hokenshitsu/reference';
import { ReportsHttpModule } from '@hokenshitsu/reports';
import { SubsidiesHttpModule } from '@hokenshitsu/subsidies';

/**
 * The HTTP side of every domain the api mounts, keyed by lib, in domains.json's order (the libs
 * marked "api"); test/unit/domains.spec.ts fails when the two disagree.
 */
export const API_DOMAIN_MODULES = {
  identity: IdentityHttpModule,
  reference: ReferenceHttpModule,
  companies: CompaniesHttpModule,
  consultations: ConsultationsHttpModule,
  digests: DigestsHttpModule,
  reports: ReportsHttpModule,
  mail: MailHttpModule,
  subsidies: SubsidiesHttpModule,
  portal: PortalHttpModule,
};
