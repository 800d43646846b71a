import { Module } from '@nestjs/common';
import { ReportsModule } from './reports.module.js';

/** The worker side, mounted only by the worker: the warm Chromium and the render processor. */
@Module({ imports: [ReportsModule] })
export class ReportsWorkerModule {}
