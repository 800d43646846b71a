import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ConsultationAggregatesQuery } from './aggregation/consultation-aggregates.query.js';
import { DigestService } from './digest/digest.service.js';
import { Release } from './releases/release.entity.js';
import { ReleasesController } from './releases/releases.controller.js';
import { ReleasesRepository } from './releases/releases.repository.js';
import { ReleasesService } from './releases/releases.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Release]), CompaniesModule],
  controllers: [ReleasesController],
  providers: [ConsultationAggregatesQuery, ReleasesRepository, ReleasesService, DigestService],
  exports: [ReleasesService, DigestService, ConsultationAggregatesQuery],
})
export class DigestsModule {}
