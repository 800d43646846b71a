import { Module } from '@nestjs/common';
import { ReportsModule } from './reports.module.js';

/** The HTTP side of reports: the reports API, advice, the managers' report pages; only the api mounts it. */
@Module({ imports: [ReportsModule] })
export class ReportsHttpModule {}
