import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import type { NextCostFigures, NextCostStatus } from './release-next-cost.entity.js';
import { ReleaseNextCost } from './release-next-cost.entity.js';

const UNFINISHED: NextCostStatus[] = ['queued', 'running'];

/** Every query on release_next_costs. */
@Injectable()
export class ReleaseNextCostsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private costs() {
    return this.db.manager.getRepository(ReleaseNextCost);
  }

  find(id: string): Promise<ReleaseNextCost | null> {
    return this.costs().findOne({ where: { id: idOrNothing(id) } });
  }

  findCurrent(releaseId: string, fingerprint: string): Promise<ReleaseNextCost | null> {
    return this.costs().findOne({ where: { releaseId: idOrNothing(releaseId), fingerprint } });
  }

  /** The answers for these drafts under one published set (a fiscal year's page): one query. */
  findCurrentMany(releaseIds: string[], fingerprint: string): Promise<ReleaseNextCost[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return this.costs().find({ where: { releaseId: In(releaseIds), fingerprint } });
  }

  /** Inserts unless this draft and published set already have a row (two requests racing); the row either way. */
  async findOrCreate(row: Pick<ReleaseNextCost, 'releaseId' | 'fingerprint' | 'requestedBy' | 'nextStart' | 'nextEnd'>): Promise<ReleaseNextCost> {
    await this.db.query(
      `INSERT INTO release_next_costs (release_id, fingerprint, requested_by, next_start, next_end) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (release_id, fingerprint) DO NOTHING`,
      [row.releaseId, row.fingerprint, row.requestedBy, row.nextStart, row.nextEnd],
    );
    return (await this.findCurrent(row.releaseId, row.fingerprint))!;
  }

  /** A failed answer asked for again: a new round (its own job), from the start. */
  async requeue(id: string): Promise<void> {
    await this.costs().update({ id, status: 'failed' }, { status: 'queued', progress: 0, error: null, round: () => 'round + 1' });
  }

  /** The worker took it; false when it has an outcome already (a retried or duplicate job does nothing). */
  async start(id: string): Promise<boolean> {
    const result = await this.costs().update({ id, status: In(UNFINISHED) }, { status: 'running', progress: 0 });
    return (result.affected ?? 0) > 0;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.costs().update({ id, status: 'running' }, { progress });
  }

  /** Both figures in one write, once: a job run twice (retried, stalled and taken over) stores the first outcome only. */
  async markDone(id: string, figures: { withDraft: NextCostFigures; withoutDraft: NextCostFigures }): Promise<void> {
    await this.costs().update({ id, status: Not('done' as NextCostStatus) }, { status: 'done', progress: 100, error: null, ...figures });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.costs().update({ id, status: In(UNFINISHED) }, { status: 'failed', error });
  }
}
