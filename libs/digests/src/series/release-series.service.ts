import { Injectable } from '@nestjs/common';
import { fiscalPeriod } from '../pages/fiscal-periods.js';
import type { Release } from '../releases/release.entity.js';
import { ReleasesRepository } from '../releases/releases.repository.js';

/**
 * A fiscal year's releases side by side for staff: which periods are covered, what each keeps of
 * its large cells, so a city can choose its reporting rhythm. Staff only (see InformationLoss).
 */
@Injectable()
export class ReleaseSeriesService {
  constructor(private readonly releases: ReleasesRepository) {}

  /** Every k-anonymous release, draft or published, whose period lies inside the fiscal year (1 April to 31 March), by period. */
  async series(fiscalYear: number): Promise<{ fiscalYear: number; start: string; end: string; releases: Release[] }> {
    const { start, end } = fiscalPeriod(fiscalYear, 'fy');
    return { fiscalYear, start, end, releases: await this.releases.kAnonymousWithin(start, end) };
  }

  /** The fiscal years that hold such releases, newest first (the page's chooser). */
  fiscalYears(): Promise<number[]> {
    return this.releases.fiscalYearsWithKAnonymousReleases();
  }
}
