import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { DigestsModule } from '@hokenshitsu/digests';
import { AdviceRepository } from './advice/advice.repository.js';
import { AdviceService } from './advice/advice.service.js';
import { REPORTS_QUEUE } from './jobs/reports.queue.js';
import { ReportsProducer } from './jobs/reports.producer.js';
import { Report } from './reports/report.entity.js';
import { ReportsRepository } from './reports/reports.repository.js';
import { ReportsService } from './reports/reports.service.js';

/**
 * PDF feedback reports without HTTP or Chromium: report records, advice versions, and the
 * producer that queues renders (from a request, or from a publication: ReportsService subscribes
 * to digests' ReleasePublications when the module starts). The process provides QueueModule.forRoot.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Report]), CompaniesModule, DigestsModule, QueueModule.forDomain(REPORTS_QUEUE)],
  providers: [ReportsRepository, ReportsService, AdviceRepository, AdviceService, ReportsProducer],
  exports: [ReportsService, AdviceService],
})
export class ReportsModule {}
