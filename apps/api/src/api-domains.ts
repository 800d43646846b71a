import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationsModule } from '@hokenshitsu/consultations';
import { DigestsModule } from '@hokenshitsu/digests';
import { IdentityModule } from '@hokenshitsu/identity';
import { ReferenceModule } from '@hokenshitsu/reference';
import { WebModule } from '@hokenshitsu/web';

/**
 * The HTTP side of every domain the api mounts, keyed by lib, in domains.json's order (the libs
 * marked "api"); test/unit/domains.spec.ts fails when the two disagree.
 */
export const API_DOMAIN_MODULES = {
  identity: IdentityModule,
  reference: ReferenceModule,
  companies: CompaniesModule,
  consultations: ConsultationsModule,
  digests: DigestsModule,
  web: WebModule,
};
