import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationsModule } from '@hokenshitsu/consultations';
import { DigestService } from './digest/digest.service.js';
import { Release } from './releases/release.entity.js';
import { NoiseKey } from './releases/noise-key.js';
import { ReleasesRepository } from './releases/releases.repository.js';
import { ReleasesService } from './releases/releases.service.js';

/**
 * Releases and digests without HTTP: building, auditing and publishing releases, a scope's digest.
 * The aggregates come from ConsultationsModule's exported service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Release]), CompaniesModule, ConsultationsModule],
  providers: [ReleasesRepository, ReleasesService, DigestService, NoiseKey],
  exports: [ReleasesService, DigestService],
})
export class DigestsModule {}
