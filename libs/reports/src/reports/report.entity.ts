import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReportLocale } from '../content/report-input.js';

export const REPORT_STATUSES = ['queued', 'rendering', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A feedback report: one release, one requested scope (industry × size class), one locale, one
 * template version and one advice version. The PDF's bytes are in report_pdfs.
 */
@Entity({ name: 'reports' })
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId: string;

  @Column({ type: 'text' })
  industry: string;

  @Column({ name: 'size_class', type: 'text' })
  sizeClass: string;

  @Column({ type: 'text' })
  locale: ReportLocale;

  @Column({ name: 'template_version', type: 'text' })
  templateVersion: string;

  @Column({ name: 'advice_version', type: 'integer' })
  adviceVersion: number;

  @Column({ type: 'text', default: 'queued' })
  status: ReportStatus;

  /** 0–100, as the worker reports it. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  @Column({ type: 'integer', nullable: true })
  bytes: number | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'integer', nullable: true })
  pages: number | null;

  /** Why the last attempt failed, in words a person can act on (never a stack). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** How many times Chromium rendered it: 1 once done (the dedup tests read it). */
  @Column({ type: 'integer', default: 0 })
  renders: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** What makes two requests the same report. */
export interface ReportKey {
  releaseId: string;
  industry: string;
  sizeClass: string;
  locale: ReportLocale;
  templateVersion: string;
  adviceVersion: number;
}
