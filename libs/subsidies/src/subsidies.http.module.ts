import { Module } from '@nestjs/common';
import { SubsidyApplicationsController } from './applications/subsidy-applications.controller.js';
import { NoticesController } from './notices/notices.controller.js';
import { SubsidyProgramsController } from './programs/subsidy-programs.controller.js';
import { SubsidiesModule } from './subsidies.module.js';

/** The HTTP side of the subsidy: its API and pages; only the api mounts it. */
@Module({
  imports: [SubsidiesModule],
  controllers: [SubsidyProgramsController, SubsidyApplicationsController, NoticesController],
})
export class SubsidiesHttpModule {}
