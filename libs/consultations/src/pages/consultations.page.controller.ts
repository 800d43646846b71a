import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, BadInputError, Clock, RuleViolationError, tokyoDate, type AppConfig } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import {
  AGE_BANDS, CHANNELS, EMPLOYMENT_TYPES, INDUSTRIES, SIZE_BANDS, TENURE_BANDS, THEMES, type CodeLabel,
} from '@hokenshitsu/reference';
import { CSV_COLUMNS, type Consultation } from '../consultations/consultation.js';
import { clientRefProblem } from '../consultations/consultation-rules.js';
import { toConsultationInput } from '../consultations/record-consultation.dto.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import { ConsultationImportService } from '../import/consultation-import.service.js';
import { CsvImportError, PayloadTooLargeError, type CsvLineError } from '../import/csv-import.error.js';
import { formValues, readConsultationForm, type FormField, type FormValues } from './consultation-form.js';
import type { UploadRequest } from './upload-form.middleware.js';

const PAGE_SIZE = 50;
const label = (list: readonly CodeLabel[], code: string | null) => (code ? list.find((c) => c.code === code) : undefined);

function toRow(c: Consultation) {
  return {
    heldOn: c.heldOn,
    clientRef: c.clientRef,
    industry: label(INDUSTRIES, c.industry),
    sizeBand: label(SIZE_BANDS, c.sizeBand),
    ageBand: label(AGE_BANDS, c.ageBand),
    employmentType: label(EMPLOYMENT_TYPES, c.employmentType),
    channel: label(CHANNELS, c.channel),
    durationMin: c.durationMin,
    themes: c.themes.map((t) => label(THEMES, t)).filter(Boolean),
    fromFile: c.importId !== null,
    recordedAt: c.recordedAt,
  };
}

/** Marks the chosen code(s) of a list for the form's selects, radios and checkboxes. */
function options(list: readonly CodeLabel[], chosen: string | string[] | undefined) {
  const picked = new Set(([] as string[]).concat(chosen ?? []));
  return list.map((c) => ({ code: c.code, ja: c.ja, en: c.en, checked: picked.has(c.code) }));
}

/**
 * The counsellors' pages: recent records, the form for one consultation and the CSV upload. They
 * call the same services and DTO as the API; the upload streams like the API's import.
 */
@ApiExcludeController()
@Roles('counsellor', 'city_staff', 'admin')
@Controller('consultations')
export class ConsultationsPageController {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly imports: ConsultationImportService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const page = typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? Math.max(1, Number(query.page)) : 1;
    // One client's sessions, by her pseudonym: what a counsellor looks up before a session.
    const client = typeof query.client === 'string' && clientRefProblem(query.client.trim()) === null ? query.client.trim() : undefined;
    const { items, total } = await this.consultations.list({ clientRef: client }, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const more = (p: number) => `/consultations?page=${p}${client ? `&client=${encodeURIComponent(client)}` : ''}`;
    const imported = typeof query.imported === 'string' && /^\d{1,7}$/.test(query.imported) ? query.imported : undefined;
    res.render('consultations/list', {
      titleKey: 'layout.consultations',
      rows: items.map(toRow),
      total,
      from: (page - 1) * PAGE_SIZE + 1,
      to: (page - 1) * PAGE_SIZE + items.length,
      client,
      newerHref: page > 1 ? more(page - 1) : undefined,
      olderHref: page * PAGE_SIZE < total ? more(page + 1) : undefined,
      recorded: query.recorded === '1',
      imported,
    });
  }

  @Get('new')
  showForm(@Res() res: Response): void {
    this.renderForm(res, 200, { held_on: tokyoDate(this.clock.now()) }, []);
  }

  @Post('new')
  async record(@CurrentUser() user: AuthenticatedUser, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    const values = formValues(req.body as Record<string, unknown>);
    const read = await readConsultationForm(values);
    if ('invalid' in read) return this.renderForm(res, 422, values, read.invalid);
    try {
      await this.consultations.record(user, toConsultationInput(read.dto));
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.renderForm(res, 422, values, error.fields.map((f) => f.field as FormField), true);
    }
    // Post/redirect/get: reloading the list never records twice.
    res.redirect(303, '/consultations?recorded=1');
  }

  @Get('import')
  showImport(@Res() res: Response): void {
    this.renderImport(res, 200, {});
  }

  @Post('import')
  async import(@CurrentUser() user: AuthenticatedUser, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    if (!req.csvUpload || req.csvUploadError) return this.renderImport(res, 400, { messageKey: 'consultations.import.badUpload' });
    if (!req.csvFileName) return this.renderImport(res, 422, { messageKey: 'consultations.import.fileMissing', fileError: true });
    try {
      const result = await this.imports.importUploaded(req.csvUpload, user);
      res.redirect(303, `/consultations?imported=${result.imported}`);
    } catch (error) {
      if (error instanceof CsvImportError) return this.renderImport(res, 422, { messageKey: 'consultations.import.failed', errors: error.errors });
      if (error instanceof PayloadTooLargeError) return this.renderImport(res, 413, { messageKey: 'consultations.import.tooLarge' });
      if (error instanceof BadInputError) return this.renderImport(res, 400, { messageKey: 'consultations.import.badUpload' });
      throw error;
    }
  }

  private renderForm(res: Response, status: number, values: FormValues, invalid: FormField[], crossField = false): void {
    const errors = invalid.map((field) => ({
      field,
      key: crossField && field === 'size_band' ? 'consultations.form.sizeBandRequired' : `consultations.errors.${field}`,
    }));
    res.status(status).render('consultations/new', {
      titleKey: 'layout.consultations',
      failed: errors.length > 0,
      errors,
      errorOf: Object.fromEntries(errors.map((e) => [e.field, e.key])),
      values,
      industries: options(INDUSTRIES, values.industry),
      sizeBands: options(SIZE_BANDS, values.size_band),
      ageBands: options(AGE_BANDS, values.age_band),
      employmentTypes: options(EMPLOYMENT_TYPES, values.employment_type),
      tenureBands: options(TENURE_BANDS, values.tenure_band),
      channels: options(CHANNELS, values.channel),
      themes: options(THEMES, values.themes),
      satisfactions: ['1', '2', '3', '4', '5'].map((v) => ({ value: v, checked: values.satisfaction === v })),
      satisfactionNone: !values.satisfaction,
    });
  }

  private renderImport(res: Response, status: number, model: { messageKey?: string; errors?: CsvLineError[]; fileError?: boolean }): void {
    // The line's message is the API's (English, technical); the hint says in the page's language what the column holds.
    const known = new Set<string>(CSV_COLUMNS);
    const errors = model.errors?.map((e) => ({ ...e, hintKey: e.column && known.has(e.column) ? `consultations.columnHints.${e.column}` : undefined }));
    res.status(status).render('consultations/import', {
      titleKey: 'layout.consultations',
      failed: Boolean(model.messageKey),
      maxSize: `${+(this.config.importMaxBytes / 1024 / 1024).toFixed(1)} MB`,
      messageKey: model.messageKey,
      fileError: model.fileError,
      errors,
      truncated: (model.errors?.length ?? 0) >= 1000,
    });
  }
}
