import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { CompaniesModule } from '@hokenshitsu/companies';
import { DigestsModule } from '@hokenshitsu/digests';
import { MailModule, OutboxService } from '@hokenshitsu/mail';
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
import { NoticesService } from './notices/notices.service.js';
import { SubsidyOutbox } from './notifications/subsidy-mail.js';
import { SubsidyProgram } from './programs/subsidy-program.entity.js';
import { SubsidyProgramsRepository } from './programs/subsidy-programs.repository.js';
import { SubsidyProgramsService } from './programs/subsidy-programs.service.js';
import { EmployerSupportRegistration } from './programs/employer-support.registration.js';

/**
 * The Self-Career-Dock subsidy without HTTP: programmes and their ledger, applications and their
 * transitions, files, notices, the audit trail. The process provides QueueModule.forRoot.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SubsidyProgram, SubsidyApplication]), CompaniesModule, DigestsModule, MailModule, QueueModule.forDomain(SUBSIDIES_QUEUE)],
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
    NoticesService,
    SubsidiesProducer,
    EmployerSupportRegistration,
    // Transitions and reminders write their mails into the mail domain's outbox, in their own transaction.
    { provide: SubsidyOutbox, useExisting: OutboxService },
  ],
  exports: [SubsidyProgramsService, SubsidyApplicationsService, ApplicationTransitionsService, CaseStoriesService, SubsidyFilesService, NoticesService, SubsidyOutbox, SubsidiesProducer],
})
export class SubsidiesModule {}
