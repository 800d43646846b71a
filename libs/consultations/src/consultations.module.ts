import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsultationAggregatesQuery } from './aggregation/consultation-aggregates.query.js';
import { ConsultationAggregatesService } from './aggregation/consultation-aggregates.service.js';
import { ConsultationEntity } from './consultations/consultation.entity.js';
import { ConsultationsRepository } from './consultations/consultations.repository.js';
import { ConsultationsService } from './consultations/consultations.service.js';
import { EmployerHmac } from './consultations/employer-hmac.js';
import { CsvExportService } from './export/csv-export.service.js';
import { ConsultationImport } from './import/consultation-import.entity.js';
import { ConsultationImportService } from './import/consultation-import.service.js';
import { ConsultationImportsRepository } from './import/consultation-imports.repository.js';

/** Anonymous career consultations without HTTP: record one, import a CSV, list and export, aggregate for releases. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsultationEntity, ConsultationImport])],
  providers: [
    ConsultationsRepository, ConsultationImportsRepository, ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService,
    ConsultationAggregatesQuery, ConsultationAggregatesService,
  ],
  exports: [ConsultationsService, EmployerHmac, ConsultationImportService, CsvExportService, ConsultationAggregatesService],
})
export class ConsultationsModule {}
