import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditReport, DisclosurePolicy, InformationLoss } from '@hokenshitsu/disclosure';

export type ReleaseStatus = 'draft' | 'published';

/** A release: a period's digest tables, frozen as a draft and immutable once published. */
@Entity({ name: 'releases' })
export class Release {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'text', default: 'draft' })
  status: ReleaseStatus;

  @Column({ type: 'jsonb' })
  policy: DisclosurePolicy;

  @Column({ type: 'jsonb' })
  audit: AuditReport;

  @Column({ name: 'information_loss', type: 'jsonb' })
  informationLoss: InformationLoss;

  /** The release this one corrects (a correction is a new release, audited against the old). */
  @Column({ name: 'corrects_id', type: 'uuid', nullable: true })
  correctsId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
