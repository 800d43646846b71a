import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConsultationAggregatesQuery } from './aggregation/consultation-aggregates.query.js';
import { ConsultationAggregatesService } from './aggregation/consultation-aggregates.service.js';
import { ConsultationsController } from './consultations/consultations.controller.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { EmployerHmac } from './consultations/employer-hmac.js';
import { CsvExportService } from './export/csv-export.service.js';
import { ConsultationImportService } from './import/consultation-import.service.js';
import { ConsultationsPageController } from './pages/consultations.page.controller.js';
import { UploadFormMiddleware } from './pages/upload-form.middleware.js';

/** Anonymous career consultations: record one, import a CSV, list and export; API and counsellor pages. */
@Module({
  controllers: [ConsultationsController, ConsultationsPageController],
  providers: [
    ConsultationsRepository, ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService,
    ConsultationAggregatesQuery, ConsultationAggregatesService,
  ],
  exports: [ConsultationsService, EmployerHmac, ConsultationAggregatesService],
})
export class ConsultationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadFormMiddleware).forRoutes({ path: 'consultations/import', method: RequestMethod.POST });
  }
}
