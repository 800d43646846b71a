import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { ApplicationTransitionsService } from './applications/application-transitions.service.js';
import { CaseStoriesService } from './applications/case-stories.service.js';
import { IdempotencyRepository } from './applications/idempotency.repository.js';
import { SubsidyApplication } from './applications/subsidy-application.entity.js';
import { SubsidyApplicationsRepository } from './applications/subsidy-applications.repository.js';
import { SubsidyApplicationsService } from './applications/subsidy-applications.service.js';
import { SubsidyEventsRepository } from './audit/subsidy-events.repository.js';
import { SubsidyFilesRepository } from './files/subsidy-files.repository.js';
import { SubsidyFilesService } from './files/subsidy-files.service.js';
import { SUBSIDIES_QUEUE } from './jobs/subsidies.queue.js';
import { SubsidiesProducer } from './jobs/subsidies.producer.js';
import { NoticesRepository } from './notices/notices.repository.js';
import { SubsidyOutbox } from './notifications/subsidy-mail.js';
import { SubsidyProgram } from './programs/subsidy-program.entity.js';
import { SubsidyProgramsRepository } from './programs/subsidy-programs.repository.js';
import { SubsidyProgramsService } from './programs/subsidy-programs.service.js';
import { SubsidyDashboardRepository } from './dashboard/subsidy-dashboard.repository.js';
import { SubsidyDashboardService } from './dashboard/subsidy-dashboard.service.js';
import { ApplicationReviewRepository } from './review/application-review.repository.js';
import { ApplicationReviewService } from './review/application-review.service.js';

/**
 * The Self-Career-Dock subsidy without HTTP: programmes and their ledger, applications and their
 * transitions, files, notices, the audit trail. The process provides QueueModule.forRoot.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SubsidyProgram, SubsidyApplication]), CompaniesModule, QueueModule.forDomain(SUBSIDIES_QUEUE)],
  providers: [
    SubsidyProgramsRepository,
    SubsidyProgramsService,
    SubsidyEventsRepository,
    SubsidyApplicationsRepository,
    SubsidyApplicationsService,
    ApplicationTransitionsService,
    IdempotencyRepository,
    CaseStoriesService,
    SubsidyFilesRepository,
    SubsidyFilesService,
    NoticesRepository,
    SubsidiesProducer,
    SubsidyDashboardRepository,
    SubsidyDashboardService,
    ApplicationReviewRepository,
    ApplicationReviewService,
    // Until the mail outbox lands, transitions mail nobody.
    { provide: SubsidyOutbox, useValue: { enqueue: async () => undefined } },
  ],
  exports: [SubsidyProgramsService, SubsidyApplicationsService, ApplicationTransitionsService, CaseStoriesService, SubsidyFilesService, SubsidyDashboardService, ApplicationReviewService],
})
export class SubsidiesModule {}
