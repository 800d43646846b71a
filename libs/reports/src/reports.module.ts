import { Module } from '@nestjs/common';

/**
 * PDF feedback reports without HTTP or Chromium: report records, advice versions, and the
 * producer that queues renders (from a manager's request or a publication).
 */
@Module({})
export class ReportsModule {}
