import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationsModule } from '@hokenshitsu/consultations';
import { ReleaseBuild } from './builds/release-build.entity.js';
import { ReleaseBuildsRepository } from './builds/release-builds.repository.js';
import { ReleaseBuildsService } from './builds/release-builds.service.js';
import { ReleaseBuildsProducer } from './jobs/release-builds.producer.js';
import { NextCostProducer } from './jobs/next-cost.producer.js';
import { RELEASES_QUEUE } from './jobs/releases.queue.js';
import { DigestService } from './digest/digest.service.js';
import { Release } from './releases/release.entity.js';
import { NoiseKey } from './releases/noise-key.js';
import { ReleasesRepository } from './releases/releases.repository.js';
import { ReleasesService } from './releases/releases.service.js';
import { ReleasePublications } from './releases/release-publications.js';
import { EmployerSupport } from './support/employer-support.js';
import { ReleaseNextCost } from './series/release-next-cost.entity.js';
import { ReleaseNextCostsRepository } from './series/release-next-costs.repository.js';
import { NextCostService } from './series/next-cost.service.js';
import { ReleaseSeriesService } from './series/release-series.service.js';

/**
 * Releases and digests without HTTP or processors: building, auditing and publishing releases, a
 * scope's digest, the release series, and the producers that queue a staff page's build and a
 * next-cost computation (the process provides QueueModule.forRoot). The aggregates come from
 * ConsultationsModule's exported service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Release, ReleaseBuild, ReleaseNextCost]), CompaniesModule, ConsultationsModule, QueueModule.forDomain(RELEASES_QUEUE)],
  providers: [ReleasePublications, EmployerSupport, ReleasesRepository, ReleasesService, DigestService, NoiseKey, ReleaseBuildsRepository, ReleaseBuildsService, ReleaseBuildsProducer, ReleaseNextCostsRepository, NextCostService, NextCostProducer, ReleaseSeriesService],
  exports: [ReleasePublications, EmployerSupport, ReleasesService, DigestService, ReleaseBuildsService, ReleaseSeriesService, NextCostService],
})
export class DigestsModule {}
