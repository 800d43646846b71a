import { Injectable, Logger } from '@nestjs/common';
import type { Release } from './release.entity.js';

export type ReleasePublishedListener = (release: Release) => Promise<void>;

/**
 * Tells the domains that follow a publication (reports queue their PDFs) that a release was
 * published, without digests knowing them: they subscribe when their module starts. A listener's
 * failure is logged and never undoes the publication, which has committed by then.
 */
@Injectable()
export class ReleasePublications {
  private readonly logger = new Logger('ReleasePublications');
  private readonly listeners: ReleasePublishedListener[] = [];

  subscribe(listener: ReleasePublishedListener): void {
    this.listeners.push(listener);
  }

  async published(release: Release): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(release);
      } catch (error) {
        this.logger.warn(`after publishing release ${release.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
