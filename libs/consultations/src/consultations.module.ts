import { Module } from '@nestjs/common';
import { ConsultationAggregatesQuery } from './aggregation/consultation-aggregates.query.js';
import { ConsultationAggregatesService } from './aggregation/consultation-aggregates.service.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { EmployerHmac } from './consultations/employer-hmac.js';
import { CsvExportService } from './export/csv-export.service.js';
import { ConsultationImportService } from './import/consultation-import.service.js';

/** Anonymous career consultations without HTTP: record one, import a CSV, list and export, aggregate for releases. */
@Module({
  providers: [
    ConsultationsRepository, ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService,
    ConsultationAggregatesQuery, ConsultationAggregatesService,
  ],
  exports: [ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService, ConsultationAggregatesService],
})
export class ConsultationsModule {}
