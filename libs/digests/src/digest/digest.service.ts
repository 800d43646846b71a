import { Injectable } from '@nestjs/common';
import { BadInputError, RuleViolationError } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { INDUSTRIES, SIZE_CLASSES, sizeClassOfBand } from '@hokenshitsu/reference';
import { ReleasesService } from '../releases/releases.service.js';
import { buildDigest, type Digest, digestMinimumTotal } from './digest-builder.js';

@Injectable()
export class DigestService {
  constructor(
    private readonly releases: ReleasesService,
    private readonly companies: CompaniesService,
  ) {}

  /** A manager's digest defaults to her own company's industry and size class. */
  async digest(viewer: AuthenticatedUser, releaseId: string, industry?: string, sizeClass?: string): Promise<Digest & { release_id: string }> {
    const release = await this.releases.get(viewer, releaseId);
    if ((!industry || !sizeClass) && viewer.role === 'company_manager' && viewer.companyId) {
      const company = await this.companies.get(viewer, viewer.companyId);
      industry ??= company.industry;
      sizeClass ??= sizeClassOfBand(company.sizeBand);
    }
    if (!industry) throw new BadInputError('industry is required (a JSIC division code)', [{ field: 'industry', message: 'is required' }]);
    if (!sizeClass) throw new BadInputError('size_class is required', [{ field: 'size_class', message: 'is required' }]);
    if (!INDUSTRIES.some((i) => i.code === industry)) {
      throw new BadInputError('industry must be a JSIC division code (A–T)', [{ field: 'industry', message: 'unknown code' }]);
    }
    if (!SIZE_CLASSES.some((s) => s.code === sizeClass)) {
      throw new BadInputError(`size_class must be one of ${SIZE_CLASSES.map((s) => s.code).join(', ')}`, [{ field: 'size_class', message: 'unknown size class' }]);
    }
    const digest = buildDigest(await this.releases.cells(viewer, release.id), industry, sizeClass, digestMinimumTotal(release.policy));
    if (!digest) throw new RuleViolationError('this release publishes no scope with enough clients for a digest', [{ field: 'release', message: 'too few clients' }]);
    return { release_id: release.id, ...digest };
  }
}
