import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ReleaseBuildRunner, ReleaseBuildsService } from './release-builds.service.js';

/** Interim runner: the build runs in the api process, in the background (replaced by the releases queue). */
@Injectable()
export class InProcessReleaseBuildRunner extends ReleaseBuildRunner {
  private readonly logger = new Logger('ReleaseBuilds');
  constructor(private readonly modules: ModuleRef) {
    super();
  }

  async enqueue(buildId: string): Promise<void> {
    const builds = this.modules.get(ReleaseBuildsService, { strict: false });
    void builds.run(buildId).catch((error: unknown) => this.logger.error(`build ${buildId} failed: ${String(error)}`));
  }
}
