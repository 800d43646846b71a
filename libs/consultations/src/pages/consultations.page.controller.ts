import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, BadInputError, Clock, RuleViolationError, tokyoDate, tokyoDateTime, type AppConfig } from '@hokenshitsu/core';
import { FormRefusedError, I18n, renderPage, type FormErrorBuilder } from '@hokenshitsu/web';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import {
  AGE_BANDS, CHANNELS, EMPLOYMENT_TYPES, INDUSTRIES, SIZE_BANDS, TENURE_BANDS, THEMES, type CodeLabel,
} from '@hokenshitsu/reference';
import { CSV_COLUMNS, type Consultation } from '../consultations/consultation.js';
import { clientRefProblem } from '../consultations/consultation-rules.js';
import { toConsultationInput } from '../consultations/record-consultation.dto.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import { ConsultationImportService } from '../import/consultation-import.service.js';
import { CODE_LISTS } from '../consultations/consultation-messages.js';
import type { CodedField } from '../consultations/consultation-rules.js';
import { CsvImportError, PayloadTooLargeError } from '../import/csv-import.error.js';
import { FileAlreadyImportedError } from '../import/file-already-imported.error.js';
import { TEMPLATE_FILE_NAME, importTemplateCsv } from '../import/import-template.js';
import { consultationFormErrors, formValues, readConsultationForm, type FormValues } from './consultation-form.js';
import type { UploadRequest } from './upload-form.middleware.js';

const PAGE_SIZE = 50;

/** Why an upload was refused, most specific first: the message the page shows for each refusal. */
const IMPORT_REFUSALS: [abstract new (...args: never[]) => Error, string][] = [
  [FileAlreadyImportedError, 'consultations.import.alreadyImported'],
  [CsvImportError, 'consultations.import.failed'],
  [PayloadTooLargeError, 'consultations.import.tooLarge'],
  [BadInputError, 'consultations.import.badUpload'],
  [RuleViolationError, 'consultations.import.fileMissing'],
];
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
    private readonly i18n: I18n,
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
    this.renderForm(res, { held_on: tokyoDate(this.clock.now()) });
  }

  @Post('new')
  async record(@CurrentUser() user: AuthenticatedUser, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    const values = formValues(req.body as Record<string, unknown>);
    const errors = consultationFormErrors(this.i18n);
    const dto = await readConsultationForm(values, errors);
    if (!dto) return this.renderForm(res, values, errors);
    try {
      await this.consultations.record(user, toConsultationInput(dto));
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      // A rule across fields (a size band is needed for an employee): shown at the field it names.
      for (const f of error.fields) {
        if (f.field === 'size_band') errors.addKey(f.field, 'consultations.form.sizeBandRequired');
        else errors.add(f.field, ['rule']);
      }
      return this.renderForm(res, values, errors);
    }
    // Post/redirect/get: reloading the list never records twice.
    res.redirect(303, '/consultations?recorded=1');
  }

  @Get('import')
  showImport(@Res() res: Response): void {
    this.renderImport(res, {});
  }

  /** The template CSV (header and one example row), as the API's GET /api/v1/consultations/import/template. */
  @Get('import/template.csv')
  template(@Res() res: Response): void {
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${TEMPLATE_FILE_NAME}"`);
    res.send(importTemplateCsv());
  }

  /** Every coded column's allowed codes with both labels: what a counsellor fills the CSV with. */
  @Get('import/codes')
  codes(@Res() res: Response): void {
    const notes: Partial<Record<CodedField, string>> = {
      size_band: 'consultations.codes.sizeBandNote',
      themes: 'consultations.codes.themesNote',
    };
    renderPage(res, 'consultations/codes', {
      titleKey: 'layout.consultations',
      lists: (Object.keys(CODE_LISTS) as CodedField[]).map((column) => ({
        column,
        fieldKey: `consultations.fields.${column}`,
        noteKey: notes[column],
        codes: CODE_LISTS[column].map((c) => ({ code: c.code, ja: c.ja, en: c.en })),
      })),
    });
  }

  @Post('import')
  async import(@CurrentUser() user: AuthenticatedUser, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    if (!req.csvUpload || req.csvUploadError) return this.renderImport(res, {}, new BadInputError('file: unreadable upload', [{ field: 'file', message: 'unreadable' }]));
    if (!req.csvFileName) return this.renderImport(res, {}, new RuleViolationError('file: no file chosen', [{ field: 'file', message: 'required' }]));
    try {
      const result = await this.imports.importUploaded(req.csvUpload, user);
      res.redirect(303, `/consultations?imported=${result.imported}`);
    } catch (error) {
      const messageKey = IMPORT_REFUSALS.find(([type]) => error instanceof type)?.[1];
      if (!messageKey) throw error;
      return this.renderImport(res, {}, error);
    }
  }

  private renderForm(res: Response, values: FormValues, errors?: FormErrorBuilder): void {
    const refusal = errors && !errors.empty ? new FormRefusedError(errors.build()) : undefined;
    renderPage(res, 'consultations/new', {
      titleKey: 'layout.consultations',
      failed: Boolean(refusal),
      errors: refusal?.errors,
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
    }, refusal);
  }

  /** The upload page, or the page again with why the file was refused (its status from the refusal). */
  private renderImport(res: Response, model: Record<string, never>, refusal?: unknown): void {
    const messageKey = refusal === undefined ? undefined : IMPORT_REFUSALS.find(([type]) => refusal instanceof type)?.[1];
    const lineErrors = refusal instanceof CsvImportError ? refusal.localised : undefined;
    const repeated = new Set(refusal instanceof CsvImportError ? refusal.repeatedLines : []);
    // Each line's text in the page's language ({{codeLabel text}}), naming the allowed codes; the hint says what the column holds.
    const known = new Set<string>(CSV_COLUMNS);
    const errors = lineErrors?.map((e) => ({
      line: e.line,
      column: e.column,
      text: { ja: e.ja, en: e.en },
      repeat: e.column === null && repeated.has(e.line),
      hintKey: e.column && known.has(e.column) ? `consultations.columnHints.${e.column}` : undefined,
    }));
    const earlier = refusal instanceof FileAlreadyImportedError ? refusal.earlier : undefined;
    renderPage(res, 'consultations/import', {
      ...model,
      titleKey: 'layout.consultations',
      failed: Boolean(messageKey),
      maxSize: `${+(this.config.importMaxBytes / 1024 / 1024).toFixed(1)} MB`,
      messageKey: repeated.size > 0 && errors?.every((e) => e.repeat) ? 'consultations.import.repeats' : messageKey,
      conflict: earlier && { when: tokyoDateTime(earlier.importedAt), who: earlier.importedBy.email, rows: earlier.rowCount },
      fileError: messageKey === 'consultations.import.fileMissing',
      errors,
      repeatedLines: [...repeated],
      repeatedLinesText: [...repeated].slice(0, 20).join(', ') + (repeated.size > 20 ? ', …' : ''),
      truncated: (lineErrors?.length ?? 0) >= 1000,
    }, refusal);
  }
}
