import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CompaniesModule } from '@hokenshitsu/companies';
import { WebModule } from '@hokenshitsu/web';
import { SubsidyApplicationsController } from './applications/subsidy-applications.controller.js';
import { NoticesController } from './notices/notices.controller.js';
import { ApplicationFormPageController } from './pages/company/application-form.page.controller.js';
import { ApplicationStatusPageController } from './pages/company/application-status.page.controller.js';
import { CompanySubsidiesPageController } from './pages/company/company-subsidies.page.controller.js';
import { CompanySubsidyPagesService } from './pages/company/company-subsidy-pages.service.js';
import { EvidenceFormMiddleware } from './pages/company/evidence-form.middleware.js';
import { SubsidyDashboardController } from './dashboard/subsidy-dashboard.controller.js';
import { CaseStoriesPageController } from './pages/staff/case-stories.page.controller.js';
import { SubsidyDashboardPageController } from './pages/staff/subsidy-dashboard.page.controller.js';
import { SubsidyReviewPageController } from './pages/staff/subsidy-review.page.controller.js';
import { SubsidyProgramsController } from './programs/subsidy-programs.controller.js';
import { SubsidiesModule } from './subsidies.module.js';

/** The HTTP side of the subsidy: its API and pages; only the api mounts it. */
@Module({
  // WebModule: the pages' labels (I18n); CompaniesModule: her company's industry on the form.
  imports: [SubsidiesModule, WebModule, CompaniesModule],
  controllers: [
    SubsidyProgramsController, SubsidyApplicationsController, NoticesController,
    CompanySubsidiesPageController, ApplicationFormPageController, ApplicationStatusPageController,
    SubsidyDashboardController, SubsidyDashboardPageController, SubsidyReviewPageController, CaseStoriesPageController,
  ],
  providers: [CompanySubsidyPagesService, EvidenceFormMiddleware],
})
export class SubsidiesHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The company's file forms post multipart: read before the CSRF guard looks for the token.
    consumer.apply(EvidenceFormMiddleware).forRoutes({ path: 'subsidies/applications/:id/files', method: RequestMethod.POST });
  }
}
