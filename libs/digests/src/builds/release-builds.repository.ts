import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { idOrNothing, type FieldError } from '@hokenshitsu/core';
import type { CreateReleaseInput } from '../releases/releases.service.js';
import { ReleaseBuild, type BuildStage } from './release-build.entity.js';

const RUNNING: BuildStage[] = ['queued', 'aggregating', 'protecting', 'storing'];

/** Every query on release_builds. */
@Injectable()
export class ReleaseBuildsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private builds(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(ReleaseBuild);
  }

  find(id: string): Promise<ReleaseBuild | null> {
    return this.builds().findOne({ where: { id: idOrNothing(id) } });
  }

  findByToken(requestedBy: string, token: string): Promise<ReleaseBuild | null> {
    return this.builds().findOne({ where: { requestedBy, token } });
  }

  /** Inserts unless the token is taken (two posts racing): answers the new id, or undefined. */
  async insertIfNew(requestedBy: string, token: string, input: CreateReleaseInput): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO release_builds (requested_by, token, input) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (requested_by, token) DO NOTHING RETURNING id`,
      [requestedBy, token, JSON.stringify(input)],
    );
    return rows[0]?.id;
  }

  async setStage(id: string, stage: BuildStage): Promise<void> {
    await this.builds().update(id, { stage });
  }

  /** In the transaction that stores the draft: the build and its draft commit together. */
  async markDone(tx: EntityManager, id: string, releaseId: string): Promise<void> {
    await this.builds(tx).update(id, { stage: 'done', releaseId });
  }

  /** Only a build still running: one already done or failed keeps its outcome. */
  async markFailed(id: string, error: { message: string; fields: FieldError[] }): Promise<void> {
    await this.builds().update({ id: idOrNothing(id), stage: In(RUNNING) }, { stage: 'failed', error });
  }
}
