import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsultationEntity } from './consultations/consultation.entity.js';
import { ConsultationsController } from './consultations/consultations.controller.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { EmployerHmac } from './consultations/employer-hmac.js';
import { CsvExportService } from './export/csv-export.service.js';
import { ConsultationImport } from './import/consultation-import.entity.js';
import { ConsultationImportService } from './import/consultation-import.service.js';
import { ConsultationImportsRepository } from './import/consultation-imports.repository.js';
import { ConsultationsPageController } from './pages/consultations.page.controller.js';
import { UploadFormMiddleware } from './pages/upload-form.middleware.js';

/** Anonymous career consultations: record one, import a CSV, list and export; API and counsellor pages. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsultationEntity, ConsultationImport])],
  controllers: [ConsultationsController, ConsultationsPageController],
  providers: [
    ConsultationsRepository, ConsultationImportsRepository, ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService,
  ],
  exports: [ConsultationsService, EmployerHmac],
})
export class ConsultationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadFormMiddleware).forRoutes({ path: 'consultations/import', method: RequestMethod.POST });
  }
}
