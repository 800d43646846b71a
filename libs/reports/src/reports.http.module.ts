import { Module } from '@nestjs/common';
import { DigestsModule } from '@hokenshitsu/digests';
import { WebModule } from '@hokenshitsu/web';
import { AdviceController } from './advice/advice.controller.js';
import { AdvicePageController } from './pages/advice.page.controller.js';
import { ReportBatchPageController } from './pages/report-batch.page.controller.js';
import { ReportsPageController } from './pages/reports.page.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsModule } from './reports.module.js';

/** The HTTP side of reports: the reports API, advice, the managers' report pages; only the api mounts it. */
@Module({
  // DigestsModule: the pages name a report's release by its label.
  imports: [ReportsModule, DigestsModule, WebModule],
  controllers: [ReportsController, AdviceController, ReportsPageController, AdvicePageController, ReportBatchPageController],
})
export class ReportsHttpModule {}
