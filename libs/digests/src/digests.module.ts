import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationsModule } from '@hokenshitsu/consultations';
import { ReleaseBuild } from './builds/release-build.entity.js';
import { ReleaseBuildsRepository } from './builds/release-builds.repository.js';
import { ReleaseBuildsService } from './builds/release-builds.service.js';
import { ReleaseBuildsProducer } from './jobs/release-builds.producer.js';
import { RELEASES_QUEUE } from './jobs/releases.queue.js';
import { DigestService } from './digest/digest.service.js';
import { Release } from './releases/release.entity.js';
import { NoiseKey } from './releases/noise-key.js';
import { ReleasesRepository } from './releases/releases.repository.js';
import { ReleasesService } from './releases/releases.service.js';
import { ReleasePublications } from './releases/release-publications.js';
import { EmployerSupport } from './support/employer-support.js';

/**
 * Releases and digests without HTTP or processors: building, auditing and publishing releases, a
 * scope's digest, and the producer that queues a staff page's build (the process provides
 * QueueModule.forRoot). The aggregates come from ConsultationsModule's exported service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Release, ReleaseBuild]), CompaniesModule, ConsultationsModule, QueueModule.forDomain(RELEASES_QUEUE)],
  providers: [ReleasePublications, EmployerSupport, ReleasesRepository, ReleasesService, DigestService, NoiseKey, ReleaseBuildsRepository, ReleaseBuildsService, ReleaseBuildsProducer],
  exports: [ReleasePublications, EmployerSupport, ReleasesService, DigestService, ReleaseBuildsService],
})
export class DigestsModule {}
