import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FieldError } from '@hokenshitsu/core';
import type { CreateReleaseInput } from '../releases/releases.service.js';

/** Where a build is: waiting, the three stages of ReleasesService.create, then done or failed. */
export const BUILD_STAGES = ['queued', 'aggregating', 'protecting', 'storing', 'done', 'failed'] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/** A release build requested from the staff page, run by the worker. */
@Entity({ name: 'release_builds' })
export class ReleaseBuild {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  /** The build form's one-time token: the same form posted twice finds this build again. */
  @Column({ type: 'text' })
  token: string;

  @Column({ type: 'jsonb' })
  input: CreateReleaseInput;

  @Column({ type: 'text', default: 'queued' })
  stage: BuildStage;

  @Column({ name: 'release_id', type: 'uuid', nullable: true })
  releaseId: string | null;

  /** Why it failed, in the refusal's own words (a domain error's message and fields). */
  @Column({ type: 'jsonb', nullable: true })
  error: { message: string; fields: FieldError[] } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
