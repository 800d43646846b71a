import { Module } from '@nestjs/common';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { EmployerHmac } from './consultations/employer-hmac.js';
import { CsvExportService } from './export/csv-export.service.js';
import { ConsultationImportService } from './import/consultation-import.service.js';

/** Anonymous career consultations without HTTP: record one, import a CSV, list and export. */
@Module({
  providers: [ConsultationsRepository, ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService],
  exports: [ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService],
})
export class ConsultationsModule {}
