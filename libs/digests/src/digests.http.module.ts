import { Module } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { DigestsModule } from './digests.module.js';
import { DigestsPageController } from './pages/digests.page.controller.js';
import { ReleasesPageController } from './pages/releases.page.controller.js';
import { ReleasesController } from './releases/releases.controller.js';

/** The HTTP side of digests: the releases API, staff release pages and managers' digest page; only the api mounts it. */
@Module({
  imports: [DigestsModule, WebModule],
  controllers: [ReleasesController, ReleasesPageController, DigestsPageController],
})
export class DigestsHttpModule {}
