import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidStateTransitionError, RuleViolationError } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { FormErrorBuilder, FormRefusedError, I18n, renderPage, type FieldReasons, type Lang } from '@hokenshitsu/web';
import { ReleasesService } from '../releases/releases.service.js';
import { domainReasons, readReleaseForm, RELEASE_FIELDS, RELEASE_FORM, releaseFormValues, type ReleaseFormValues } from './release-form.js';
import { toReleaseDetail, toReleaseRow } from './release-view.js';

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
    private readonly i18n: I18n,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    await this.renderList(res, user, {});
  }

  @Post()
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = releaseFormValues(body);
    const read = await readReleaseForm(values);
    if ('invalid' in read) return this.renderList(res, user, { values, refused: read.invalid });
    let id: string;
    try {
      id = (await this.releases.create(user, read.input)).release.id;
    } catch (error) {
      if (!(error instanceof RuleViolationError) || error.fields.length === 0) throw error;
      return this.renderList(res, user, { values, refused: domainReasons(error.fields) });
    }
    // Post/redirect/get: reloading the release page never builds a second draft.
    res.redirect(303, `/staff/releases/${id}?done=created`);
  }

  @Get(':id')
  async show(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query('done') done: unknown, @Res() res: Response): Promise<void> {
    const notice = done === 'created' || done === 'published' ? { key: `releases.detail.${done}Notice` } : undefined;
    await this.renderDetail(res, user, id, notice);
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

  private async renderList(res: Response, user: AuthenticatedUser, form: { values?: ReleaseFormValues; refused?: FieldReasons }): Promise<void> {
    const refusal = form.refused ? new FormRefusedError(new FormErrorBuilder(this.i18n, RELEASE_FORM, RELEASE_FIELDS).addReasons(form.refused).build()) : undefined;
    renderPage(res, 'releases/list', {
      titleKey: 'releases.list.title',
      failed: Boolean(refusal),
      errors: refusal?.errors,
      values: form.values ?? {},
      modes: MODE_OPTIONS,
      releases: (await this.releases.list(user)).map(toReleaseRow),
    }, refusal);
  }

  private async renderDetail(res: Response, user: AuthenticatedUser, id: string, notice?: Notice, refusal?: unknown): Promise<void> {
    const release = await this.releases.get(user, id);
    const [cells, all] = await Promise.all([this.releases.cells(user, release.id), this.releases.list(user)]);
    renderPage(res, 'releases/show', {
      titleKey: 'releases.detail.title',
      failed: Boolean(notice?.error),
      notice,
      ...toReleaseDetail(release, cells, all, res.locals.lang as Lang),
    }, refusal);
  }
}

/** The protection methods offered by the build form, labelled like reference codes. */
const MODE_OPTIONS = [
  { code: 'k_anonymity', ja: 'k-匿名性（小さな数値を伏せる）', en: 'k-anonymity (small figures suppressed)' },
  { code: 'differential_privacy', ja: '差分プライバシー（すべての数値に雑音）', en: 'Differential privacy (noise on every figure)' },
];
