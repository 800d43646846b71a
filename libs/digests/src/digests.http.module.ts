import { Module } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { DigestsModule } from './digests.module.js';
import { DigestsPageController } from './pages/digests.page.controller.js';
import { ReleaseBuildsPageController } from './pages/release-builds.page.controller.js';
import { ReleasesPageController } from './pages/releases.page.controller.js';
import { ReleasesController } from './releases/releases.controller.js';
import { ReleaseSeriesController } from './series/release-series.controller.js';
import { ReleaseSeriesPageController } from './series/release-series.page.controller.js';

/** The HTTP side of digests: the releases API, staff release pages (the release series too) and managers' digest page; only the api mounts it. */
@Module({
  imports: [DigestsModule, WebModule],
  controllers: [ReleasesController, ReleaseSeriesController, ReleaseBuildsPageController, ReleasesPageController, ReleaseSeriesPageController, DigestsPageController],
})
export class DigestsHttpModule {}
