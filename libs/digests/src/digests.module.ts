import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationsModule } from '@hokenshitsu/consultations';
import { WebModule } from '@hokenshitsu/web';
import { DigestService } from './digest/digest.service.js';
import { DigestsPageController } from './pages/digests.page.controller.js';
import { ReleasesPageController } from './pages/releases.page.controller.js';
import { Release } from './releases/release.entity.js';
import { ReleasesController } from './releases/releases.controller.js';
import { NoiseKey } from './releases/noise-key.js';
import { ReleasesRepository } from './releases/releases.repository.js';
import { ReleasesService } from './releases/releases.service.js';

/**
 * Releases and digests: the API, and the staff release pages and managers' digest pages (WebModule
 * gives their labels). The aggregates come from ConsultationsModule's exported service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Release]), CompaniesModule, ConsultationsModule, WebModule],
  controllers: [ReleasesController, ReleasesPageController, DigestsPageController],
  providers: [ReleasesRepository, ReleasesService, DigestService, NoiseKey],
  exports: [ReleasesService, DigestService],
})
export class DigestsModule {}
