import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const NEXT_COST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type NextCostStatus = (typeof NEXT_COST_STATUSES)[number];

/** One trial build of the fiscal year's release: what it would keep of its large cells. */
export interface NextCostFigures {
  largeCells: number;
  largeCellsKept: number;
  suppressedCells: number;
  totalCells: number;
  buildMs: number;
}

/**
 * What publishing a draft would cost the fiscal year's full release (the one managers and the
 * mayor read): the worker builds that release twice, without the draft and with it taken as
 * published. Staff only, like the large-cell counts it holds.
 */
@Entity({ name: 'release_next_costs' })
export class ReleaseNextCost {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId: string;

  /** The published releases the answer started from (see publishedFingerprint): another publication makes it stale. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'text', default: 'queued' })
  status: NextCostStatus;

  /** 0 queued, 50 after the first build, 100 done. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  /** Requests that started it again after a failure; each round is its own job. */
  @Column({ type: 'integer', default: 1 })
  round: number;

  @Column({ name: 'next_start', type: 'date' })
  nextStart: string;

  @Column({ name: 'next_end', type: 'date' })
  nextEnd: string;

  @Column({ name: 'with_draft', type: 'jsonb', nullable: true })
  withDraft: NextCostFigures | null;

  @Column({ name: 'without_draft', type: 'jsonb', nullable: true })
  withoutDraft: NextCostFigures | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
