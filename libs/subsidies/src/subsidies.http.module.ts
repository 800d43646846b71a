import { Module } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { CompaniesModule } from '@hokenshitsu/companies';
import { SubsidyApplicationsController } from './applications/subsidy-applications.controller.js';
import { NoticesController } from './notices/notices.controller.js';
import { SubsidyDashboardController } from './dashboard/subsidy-dashboard.controller.js';
import { CaseStoriesPageController } from './pages/staff/case-stories.page.controller.js';
import { SubsidyDashboardPageController } from './pages/staff/subsidy-dashboard.page.controller.js';
import { SubsidyReviewPageController } from './pages/staff/subsidy-review.page.controller.js';
import { SubsidyProgramsController } from './programs/subsidy-programs.controller.js';
import { SubsidiesModule } from './subsidies.module.js';

/** The HTTP side of the subsidy: its API and pages; only the api mounts it. */
@Module({
  imports: [SubsidiesModule, WebModule, CompaniesModule],
  controllers: [
    SubsidyProgramsController,
    SubsidyApplicationsController,
    SubsidyDashboardController,
    SubsidyDashboardPageController,
    SubsidyReviewPageController,
    CaseStoriesPageController,
    NoticesController,
  ],
})
export class SubsidiesHttpModule {}
