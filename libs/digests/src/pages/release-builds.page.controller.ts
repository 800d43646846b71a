import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '@hokenshitsu/core';
import { StaffOnly } from '@hokenshitsu/identity';
import { FormErrorBuilder, I18n, renderPage, type Lang } from '@hokenshitsu/web';
import { ReleaseBuildsService } from '../builds/release-builds.service.js';
import { buildProgress, toBuildView } from './build-view.js';
import { domainReasons, RELEASE_FIELDS, RELEASE_FORM } from './release-form.js';

/**
 * A release build's progress, while the worker runs it. Without script the page reloads itself
 * every 2 s (a <noscript> refresh); with script it polls the JSON beside it. Done, it leads to
 * the draft; failed, it says why in the form's own words.
 */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/releases/builds')
export class ReleaseBuildsPageController {
  constructor(
    private readonly builds: ReleaseBuildsService,
    private readonly i18n: I18n,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async show(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const build = await this.builds.get(id);
    if (build.releaseId) return res.redirect(303, `/staff/releases/${build.releaseId}?done=created`);
    const view = toBuildView(build, this.clock.now(), res.locals.lang as Lang);
    const reasons = build.error ? new FormErrorBuilder(this.i18n, RELEASE_FORM, RELEASE_FIELDS).addReasons(domainReasons(build.error.fields)).build() : undefined;
    renderPage(res, 'releases/build', {
      titleKey: view.failed ? 'releases.build.failedTitle' : 'releases.build.title',
      build: view,
      reasons: reasons?.list,
      autoRefresh: view.finished ? undefined : 2,
    });
  }

  /** What the page's script polls: the stage, the step, and where to go when it is done. */
  @Get(':id/status')
  async status(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const progress = buildProgress(await this.builds.get(id), this.clock.now());
    res.json({ ...progress, location: progress.releaseId ? `/staff/releases/${progress.releaseId}?done=created` : progress.finished ? `/staff/releases/builds/${id}` : null });
  }
}
