import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BadInputError, ConflictError } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { THEMES } from '@hokenshitsu/reference';
import { FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, type Lang } from '@hokenshitsu/web';
import { AdviceService, checkEntries } from '../advice/advice.service.js';
import { SaveAdviceDto } from '../advice/save-advice.dto.js';
import { ADVICE_FIELDS, ADVICE_FORM, addEntryErrors, adviceField, adviceFormValues, readAdviceForm } from './advice-form.js';

/**
 * City staff write "what employers can do" per theme. Each save is a new version: reports name the
 * version they used, so the page says that new reports use it and existing ones stay as they were.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/report-advice')
export class AdvicePageController {
  constructor(
    private readonly advice: AdviceService,
    private readonly i18n: I18n,
  ) {}

  @Get()
  async edit(@Query('saved') saved: unknown, @Res() res: Response): Promise<void> {
    const current = await this.advice.current();
    const notice = typeof saved === 'string' && /^\d{1,9}$/.test(saved) ? { version: Number(saved) } : undefined;
    await this.render(res, { version: current.version, values: adviceFormValues(current.entries), notice });
  }

  /** Every half-written theme is shown at once; a save from an older version is refused (409), never merged. */
  @Post()
  async save(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const plain = readAdviceForm(body);
    const values = adviceFormValues(plain.entries);
    const errors = new FormErrorBuilder(this.i18n, ADVICE_FORM, ADVICE_FIELDS);
    const dto = await readForm(SaveAdviceDto, plain, errors);
    // The service stops at the first bad entry; the same rule per entry shows them all.
    plain.entries.forEach((entry, i) => {
      try {
        checkEntries([entry]);
      } catch (error) {
        if (!(error instanceof BadInputError)) throw error;
        addEntryErrors(errors, error.fields, this.i18n, lang, () => i);
      }
    });
    const version = typeof plain.version === 'number' ? plain.version : undefined;
    if (!dto || !errors.empty) return this.render(res, { version, values }, new FormRefusedError(errors.build()));

    try {
      const saved = await this.advice.save(user, dto.version, dto.entries);
      res.redirect(303, `/staff/report-advice?saved=${saved.version}`);
    } catch (error) {
      if (error instanceof ConflictError) {
        const latest = await this.advice.current();
        errors.addKey('version', `${ADVICE_FORM}.errors.stale`, { version: latest.version }, 'advice-version');
        return this.render(res, { version, values, errors: errors.build() }, error);
      }
      if (!(error instanceof BadInputError)) throw error;
      addEntryErrors(errors, error.fields, this.i18n, lang);
      return this.render(res, { version, values }, new FormRefusedError(errors.build()));
    }
  }

  private async render(
    res: Response,
    form: { version?: number; values: Record<string, string>; notice?: { version: number }; errors?: ReturnType<FormErrorBuilder['build']> },
    refusal?: unknown,
  ): Promise<void> {
    const [current, versions] = await Promise.all([this.advice.current(), this.advice.list()]);
    const errors = form.errors ?? (refusal instanceof FormRefusedError ? refusal.errors : undefined);
    renderPage(res, 'reports/advice', {
      titleKey: 'reports.advice.title',
      failed: Boolean(errors),
      errors,
      notice: form.notice,
      current: { version: current.version, createdAt: current.createdAt },
      // The version these edits start from: a refused post keeps the one it was opened at.
      version: form.version ?? current.version,
      themes: THEMES.map((t) => {
        const ja = adviceField(t.code, 'ja');
        const en = adviceField(t.code, 'en');
        return { code: t.code, label: t, ja: { id: ja, value: form.values[ja], error: errors?.byField[ja] }, en: { id: en, value: form.values[en], error: errors?.byField[en] } };
      }),
      versions: versions.map((v) => ({ ...v, current: v.version === current.version })),
    }, refusal);
  }
}
