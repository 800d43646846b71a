import { Module } from '@nestjs/common';
import { AdviceController } from './advice/advice.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsModule } from './reports.module.js';

/** The HTTP side of reports: the reports API, advice, the managers' report pages; only the api mounts it. */
@Module({
  imports: [ReportsModule],
  controllers: [ReportsController, AdviceController],
})
export class ReportsHttpModule {}
