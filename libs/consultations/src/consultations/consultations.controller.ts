import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { CsvExportService } from '../export/csv-export.service.js';
import { ConsultationImportService } from '../import/consultation-import.service.js';
import {
  ConsultationPageResponse, ConsultationResponse, ImportResultResponse, toConsultationPageResponse, toConsultationResponse,
} from './consultation.response.js';
import { ConsultationsService } from './consultations.service.js';
import { ExportConsultationsQuery, ListConsultationsQuery, RecordConsultationDto, toConsultationInput } from './record-consultation.dto.js';

/** Counsellors record; city staff and admins too. Company managers never see consultations. */
@ApiTags('consultations')
@Controller('api/v1/consultations')
@Roles('counsellor', 'city_staff', 'admin')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly imports: ConsultationImportService,
    private readonly exports: CsvExportService,
  ) {}

  @Post()
  @ApiOp('Record one consultation (the employer key is stored only as a keyed HMAC)', [400, 415, 422])
  @ApiCreatedResponse({ type: ConsultationResponse })
  async record(@CurrentUser() user: AuthenticatedUser, @Body() dto: RecordConsultationDto): Promise<ConsultationResponse> {
    return toConsultationResponse(await this.consultations.record(user, toConsultationInput(dto)));
  }

  @Post('import')
  @HttpCode(201)
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    description: 'The CSV of REFERENCE.md (UTF-8, optional BOM, columns in any order) as the body, or as the form field `file`',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOp('Import a consultation CSV, all or nothing: 422 lists every bad line {line, column, message}', [400, 413, 415, 422])
  @ApiCreatedResponse({ type: ImportResultResponse })
  async import(@CurrentUser() user: AuthenticatedUser, @Req() req: Request): Promise<ImportResultResponse> {
    const result = await this.imports.importUpload(req, user);
    return { imported: result.imported, import_id: result.importId };
  }

  @Get()
  @ApiOp('Consultations with session dates in [from, to], newest first', [400, 422])
  @ApiOkResponse({ type: ConsultationPageResponse })
  async list(@Query() query: ListConsultationsQuery): Promise<ConsultationPageResponse> {
    return toConsultationPageResponse(await this.consultations.list({ from: query.from, to: query.to }, query.limit, query.offset));
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOp('The same records as CSV (REFERENCE.md columns, employer_hmac for employer_key, never the memo), streamed', [400, 422])
  @ApiOkResponse({ description: 'text/csv, UTF-8 with a BOM' })
  async export(@Query() query: ExportConsultationsQuery, @Res() res: Response): Promise<void> {
    this.exports.checkRange(query);
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="consultations-${query.from ?? 'start'}-${query.to ?? 'end'}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.exports.writeCsv({ from: query.from, to: query.to }, res);
  }
}
