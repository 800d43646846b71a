import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { BadInputError, Clock, InvalidStateTransitionError, RuleViolationError, tokyoDate } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { field, FormErrorBuilder, FormRefusedError, I18n, renderPage, type FieldReasons, type Lang } from '@hokenshitsu/web';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import { ReleaseBuildsService } from '../builds/release-builds.service.js';
import { DigestService } from '../digest/digest.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { scopeChoiceErrors, toDigestView } from './digest-view.js';
import { presetChoices } from './fiscal-periods.js';
import { domainReasons, readReleaseForm, RELEASE_FIELDS, RELEASE_FORM, releaseFormValues, type ReleaseFormValues } from './release-form.js';
import { toReleaseDetail, toReleaseRow, toScopeThemesView } from './release-view.js';

/** A message above the release page: a confirmation, or why publishing was refused. */
interface Notice {
  key: string;
  error?: boolean;
  /** The service's own words, for staff who need the exact reason. */
  detail?: string;
}

/**
 * City staff build a draft release for a period, check its audit and suppression pattern, then
 * publish it. Every outcome of a form comes back to a page; ReleasesService holds the rules.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/releases')
export class ReleasesPageController {
  constructor(
    private readonly releases: ReleasesService,
    private readonly builds: ReleaseBuildsService,
    private readonly digests: DigestService,
    private readonly i18n: I18n,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    await this.renderList(res, user, {});
  }

  /**
   * Records the build and sends staff to its progress page: a build takes from seconds to minutes,
   * and runs in the worker. The form's one-time token makes a second post of the same form lead
   * to the same build; the quick refusals come back on the form by their fields.
   */
  @Post()
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = releaseFormValues(body);
    const token = buildToken(field(body, 'build_token'));
    const read = await readReleaseForm(values, res.locals.lang as Lang);
    if ('invalid' in read) return this.renderList(res, user, { values, refused: read.invalid, token });
    let buildId: string;
    try {
      buildId = (await this.builds.request(user, token, read.input)).id;
    } catch (error) {
      if (!(error instanceof RuleViolationError) || error.fields.length === 0) throw error;
      return this.renderList(res, user, { values, refused: domainReasons(error.fields), token });
    }
    // Post/redirect/get: reloading the progress page never queues a second build.
    res.redirect(303, `/staff/releases/builds/${buildId}`);
  }

  @Get(':id')
  async show(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const done = query.done;
    const notice = done === 'created' || done === 'published' ? { key: `releases.detail.${done}Notice` } : undefined;
    await this.renderDetail(res, user, id, notice, undefined, { industry: text(query.industry), sizeClass: text(query.size_class) });
  }

  /** Publishing cannot be undone: the release page's button leads here, and only this form publishes. */
  @Get(':id/publish')
  async confirmPublish(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const release = await this.releases.get(user, id);
    renderPage(res, 'releases/publish', {
      titleKey: 'releases.confirm.title',
      release: toReleaseRow(release),
      publishable: release.status === 'draft' && release.audit.passed,
    });
  }

  /** Refusals are notices on the release page (409 already published, 422 audit failed), not error pages. */
  @Post(':id/publish')
  async publish(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    try {
      await this.releases.publish(user, id);
    } catch (error) {
      if (error instanceof InvalidStateTransitionError) return this.renderDetail(res, user, id, { key: 'releases.detail.alreadyPublished', error: true }, error);
      if (error instanceof RuleViolationError) {
        return this.renderDetail(res, user, id, { key: 'releases.detail.publishRefused', error: true, detail: error.message }, error);
      }
      throw error;
    }
    res.redirect(303, `/staff/releases/${id}?done=published`);
  }

  private async renderList(res: Response, user: AuthenticatedUser, form: { values?: ReleaseFormValues; refused?: FieldReasons; token?: string }): Promise<void> {
    const refusal = form.refused ? new FormRefusedError(new FormErrorBuilder(this.i18n, RELEASE_FORM, RELEASE_FIELDS).addReasons(form.refused).build()) : undefined;
    renderPage(res, 'releases/list', {
      titleKey: 'releases.list.title',
      failed: Boolean(refusal),
      errors: refusal?.errors,
      values: form.values ?? {},
      // A refused form keeps its token: the corrected post is still the one build it stands for.
      buildToken: form.token ?? randomUUID(),
      modes: MODE_OPTIONS,
      presets: presetChoices(tokyoDate(this.clock.now()), await this.releases.fiscalYearsOnRecord()).map((year) => ({
        fiscalYear: year.fiscalYear,
        periods: year.periods.map((p) => ({ value: p.preset, label: p.label[res.locals.lang as Lang], start: p.start, end: p.end, selected: p.preset === form.values?.preset })),
      })),
      releases: (await this.releases.list(user)).map(toReleaseRow),
    }, refusal);
  }

  private async renderDetail(
    res: Response,
    user: AuthenticatedUser,
    id: string,
    notice?: Notice,
    refusal?: unknown,
    chosen: { industry?: string; sizeClass?: string } = {},
  ): Promise<void> {
    const lang = res.locals.lang as Lang;
    const [{ release, cells, view: preview }, all] = await Promise.all([this.preview(user, id, chosen, lang), this.releases.list(user)]);
    renderPage(res, 'releases/show', {
      titleKey: 'releases.detail.title',
      failed: Boolean(notice?.error || preview.errors),
      notice,
      ...toReleaseDetail(release, cells, all, lang),
      preview,
    }, refusal ?? preview.refusal);
  }

  /**
   * What a manager would see of this release for the chosen industry and size class (the same
   * digest partial as /digests), and every scope's themes. A wrong code is shown by its field (the
   * service refuses it before reading the release, so the release is read once either way).
   */
  private async preview(user: AuthenticatedUser, id: string, chosen: { industry?: string; sizeClass?: string }, lang: Lang) {
    const model = {
      industries: options(INDUSTRIES, chosen.industry),
      sizeClasses: options(SIZE_CLASSES, chosen.sizeClass),
      chosen: Boolean(chosen.industry || chosen.sizeClass),
    };
    let refusal: BadInputError | undefined;
    let preview;
    try {
      preview = await this.digests.preview(user, id, chosen.industry, chosen.sizeClass);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
      refusal = error;
      preview = await this.digests.preview(user, id, undefined, undefined);
    }
    const { release, cells, digest, scopes } = preview;
    const view = {
      ...model,
      digest: digest ? toDigestView(digest, release, lang, this.i18n) : undefined,
      noScope: Boolean(chosen.industry && chosen.sizeClass && !digest && !refusal),
      scopes: toScopeThemesView(scopes, lang),
      errors: refusal ? scopeChoiceErrors(this.i18n, refusal.fields, chosen) : undefined,
      refusal: refusal as unknown,
    };
    return { release, cells, view };
  }
}

/** The form's one-time token, or a fresh one for a post without it (a script, an old page). */
function buildToken(given: string): string {
  return /^[A-Za-z0-9-]{16,64}$/.test(given) ? given : randomUUID();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Marks the chosen option of a select. */
function options<T extends { code: string }>(list: readonly T[], chosen: string | undefined) {
  return list.map((o) => ({ ...o, selected: o.code === chosen }));
}

/** The protection methods offered by the build form, labelled like reference codes. */
const MODE_OPTIONS = [
  { code: 'k_anonymity', ja: 'k-匿名性（小さな数値を伏せる）', en: 'k-anonymity (small figures suppressed)' },
  { code: 'differential_privacy', ja: '差分プライバシー（すべての数値に雑音）', en: 'Differential privacy (noise on every figure)' },
];
