import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';

export interface SubsidyEventInput {
  programId: string;
  applicationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorRole: string | null;
  detail?: Record<string, unknown>;
}

export interface SubsidyEvent {
  id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_role: string | null;
  detail: Record<string, unknown>;
  at: Date;
}

/**
 * The audit trail: appended in the transaction of the change it records (so a change without its
 * event cannot commit); the table's trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Injectable()
export class SubsidyEventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(m: EntityManager, e: SubsidyEventInput): Promise<void> {
    await m.query(
      `INSERT INTO subsidy_events (program_id, application_id, action, from_state, to_state, actor_id, actor_role, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [e.programId, e.applicationId, e.action, e.fromState, e.toState, e.actorId, e.actorRole, JSON.stringify(e.detail ?? {})],
    );
  }

  forApplication(applicationId: string): Promise<SubsidyEvent[]> {
    return this.db.query(
      `SELECT id::text, action, from_state, to_state, actor_id, actor_role, detail, at FROM subsidy_events e WHERE application_id = $1 ORDER BY e.id`,
      [idOrNothing(applicationId)],
    );
  }
}
