import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BadInputError, NotFoundError, RuleViolationError } from '@hokenshitsu/core';
import { CurrentUser, type AuthenticatedUser } from '@hokenshitsu/identity';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import { I18n, renderPage, type Lang } from '@hokenshitsu/web';
import { DigestService } from '../digest/digest.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { EmployerSupport } from '../support/employer-support.js';
import { employerSupportText } from '../support/employer-support-text.js';
import { scopeChoiceErrors, toDigestView } from './digest-view.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Marks the chosen option of a select. */
function options<T extends { code: string }>(list: readonly T[], chosen: string | undefined) {
  return list.map((o) => ({ ...o, selected: o.code === chosen }));
}

/**
 * The digest of a published release for an industry and size class, for anyone signed in; a
 * company manager's defaults to her own company's (DigestService decides that). Only published
 * releases are offered or accepted here, staff included: this page is what managers see.
 */
@ApiExcludeController()
@Controller('digests')
export class DigestsPageController {
  constructor(
    private readonly releases: ReleasesService,
    private readonly digests: DigestService,
    private readonly i18n: I18n,
    private readonly support: EmployerSupport,
  ) {}

  @Get()
  async show(@CurrentUser() user: AuthenticatedUser, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const published = (await this.releases.list(user)).filter((r) => r.status === 'published');
    if (published.length === 0) return res.render('digests/show', { titleKey: 'digest.title', noRelease: true });

    const asked = text(query.release);
    const release = asked ? published.find((r) => r.id === asked) : published[0];
    if (!release) throw new NotFoundError('release');
    const industry = text(query.industry);
    const sizeClass = text(query.size_class);
    const page = (model: { industry?: string; sizeClass?: string } & Record<string, unknown>, refusal?: unknown) =>
      renderPage(res, 'digests/show', {
        titleKey: 'digest.title',
        releases: published.map((r) => ({ id: r.id, label: r.label, periodStart: r.periodStart, periodEnd: r.periodEnd, selected: r.id === release.id })),
        industries: options(INDUSTRIES, model.industry),
        sizeClasses: options(SIZE_CLASSES, model.sizeClass),
        ...model,
      }, refusal);

    try {
      const digest = await this.digests.digest(user, release.id, industry, sizeClass);
      // Feedback leads to support: the open subsidy's terms beside what employers can do.
      const terms = await this.support.current();
      return page({ industry: digest.requested.industry, sizeClass: digest.requested.size_class, digest: toDigestView(digest, release, lang, this.i18n), support: terms && employerSupportText(terms, lang) });
    } catch (error) {
      // No scope of this release has enough clients: a message on the page, not an error page.
      if (error instanceof RuleViolationError) return page({ industry, sizeClass, noScope: true });
      if (!(error instanceof BadInputError)) throw error;
      // Nothing chosen yet and no company to default to (staff, counsellors): ask for a choice.
      if (!industry && !sizeClass) return page({ prompt: true });
      return page({ industry, sizeClass, failed: true, errors: scopeChoiceErrors(this.i18n, error.fields, { industry, sizeClass }) }, error);
    }
  }
}
