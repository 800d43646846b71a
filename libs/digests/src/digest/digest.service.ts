import { Injectable } from '@nestjs/common';
import { BadInputError, ForbiddenError, RuleViolationError } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { INDUSTRIES, SIZE_CLASSES, sizeClassOfBand } from '@hokenshitsu/reference';
import { ReleasesService } from '../releases/releases.service.js';
import type { Release } from '../releases/release.entity.js';
import { buildDigest, type Digest, digestMinimumTotal } from './digest-builder.js';
import { scopeThemes, type ScopeThemes } from './scope-themes.js';

type ReleaseCells = Awaited<ReturnType<ReleasesService['cells']>>;

/** What staff see before publishing: a manager's digest (null when no scope is publishable) and every scope's themes. */
export interface DigestPreview {
  release: Release;
  /** Every cell of the release (the release page shows them too: read once). */
  cells: ReleaseCells;
  digest: (Digest & { release_id: string }) | null;
  scopes: ScopeThemes;
}

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
    checkScope(industry, sizeClass);
    const digest = this.build(release, await this.releases.cellsOf(release), industry!, sizeClass!);
    if (!digest) throw new RuleViolationError('this release publishes no scope with enough clients for a digest', [{ field: 'release', message: 'too few clients' }]);
    return digest;
  }

  /**
   * Staff only, never on a manager's path: the digest a manager would get for any industry and
   * size class of any release, drafts included, built by the same code from the same published
   * cells, with the themes of every scope. Only called by the staff release page. A wrong code is
   * refused before anything is read.
   */
  async preview(staff: AuthenticatedUser, releaseId: string, industry: string | undefined, sizeClass: string | undefined): Promise<DigestPreview> {
    if (!STAFF_ROLES.includes(staff.role)) throw new ForbiddenError('previewing a release is for city staff');
    const chosen = Boolean(industry || sizeClass);
    if (chosen) checkScope(industry, sizeClass);
    const release = await this.releases.get(staff, releaseId);
    const cells = await this.releases.cellsOf(release);
    const digest = chosen ? this.build(release, cells, industry!, sizeClass!) : null;
    return { release, cells, digest, scopes: scopeThemes(cells) };
  }

  private build(release: Release, cells: ReleaseCells, industry: string, sizeClass: string): (Digest & { release_id: string }) | null {
    const digest = buildDigest(cells, industry, sizeClass, digestMinimumTotal(release.policy));
    return digest ? { release_id: release.id, ...digest } : null;
  }
}

/** Both codes given and known, or a BadInputError naming the field. */
function checkScope(industry: string | undefined, sizeClass: string | undefined): void {
  if (!industry) throw new BadInputError('industry is required (a JSIC division code)', [{ field: 'industry', message: 'is required' }]);
  if (!sizeClass) throw new BadInputError('size_class is required', [{ field: 'size_class', message: 'is required' }]);
  if (!INDUSTRIES.some((i) => i.code === industry)) {
    throw new BadInputError('industry must be a JSIC division code (A–T)', [{ field: 'industry', message: 'unknown code' }]);
  }
  if (!SIZE_CLASSES.some((s) => s.code === sizeClass)) {
    throw new BadInputError(`size_class must be one of ${SIZE_CLASSES.map((s) => s.code).join(', ')}`, [{ field: 'size_class', message: 'unknown size class' }]);
  }
}
