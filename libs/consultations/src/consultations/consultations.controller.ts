import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { CsvExportService } from '../export/csv-export.service.js';
import { ConsultationImportService } from '../import/consultation-import.service.js';
import { TEMPLATE_FILE_NAME, importTemplateCsv } from '../import/import-template.js';
import {
  ConsultationPageResponse, ConsultationResponse, ImportResultResponse, toConsultationPageResponse, toConsultationResponse,
} from './consultation.response.js';
import { ConsultationsService } from './consultations.service.js';
import {
  ExportConsultationsQuery, ImportConsultationsQuery, ListConsultationsQuery, RecordConsultationDto, toConsultationInput,
} from './record-consultation.dto.js';

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
    description: 'The CSV of REFERENCE.md (UTF-8, optional BOM, columns in any order) as the body, or as the form field `file` '
      + '(a form field `confirm_new` sent before the file counts like the query flag)',
    schema: { type: 'object', properties: { confirm_new: { type: 'string', enum: ['true', 'false'] }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiQuery({ name: 'confirm_new', required: false, enum: ['true', 'false'], description: 'The rows that repeat stored consultations are new ones: import them' })
  @ApiOp(
    'Import a consultation CSV, all or nothing. 422 lists every bad line {line, column, message} (English), the same lines in '
      + '`errors_i18n` {line, column, ja, en} naming allowed codes with labels, and `repeated_lines`: rows repeating a stored '
      + 'consultation (same client_ref, held_on, channel, themes), refused unless confirm_new=true. 409: the same file '
      + '(SHA-256) was imported before; `earlier_import` {id, imported_at (Tokyo), imported_by {id, email}, row_count}',
    [400, 409, 413, 415, 422],
  )
  @ApiCreatedResponse({ type: ImportResultResponse })
  async import(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Query() query: ImportConsultationsQuery): Promise<ImportResultResponse> {
    const result = await this.imports.importUpload(req, user, { confirmNew: query.confirm_new === 'true' });
    return { imported: result.imported, import_id: result.importId };
  }

  @Get('import/template')
  @ApiProduces('text/csv')
  @ApiOp('A template for the import: the header row and one example row (UTF-8 with a BOM, so Excel reads Japanese)')
  @ApiOkResponse({ description: 'text/csv, UTF-8 with a BOM; the code lists are at /api/v1/reference/{list}' })
  template(@Res() res: Response): void {
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${TEMPLATE_FILE_NAME}"`);
    res.send(importTemplateCsv());
  }

  @Get()
  @ApiOp('Consultations with session dates in [from, to], newest first', [400, 422])
  @ApiOkResponse({ type: ConsultationPageResponse })
  async list(@Query() query: ListConsultationsQuery): Promise<ConsultationPageResponse> {
    return toConsultationPageResponse(await this.consultations.list({ from: query.from, to: query.to }, query.limit, query.offset));
  }

  @Get('export')
  @ApiProduces('text/csv')
  @ApiOp('The same records as CSV (REFERENCE.md columns, employer_hmac for employer_key, never the memo), streamed, '
    + 'named consultations-<from>-<to>.csv (an open end: the first or last session date exported)', [400, 422])
  @ApiOkResponse({ description: 'text/csv, UTF-8 with a BOM' })
  async export(@Query() query: ExportConsultationsQuery, @Res() res: Response): Promise<void> {
    const fileName = await this.consultations.exportFileName({ from: query.from, to: query.to });
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.exports.writeCsv({ from: query.from, to: query.to }, res);
  }
}
