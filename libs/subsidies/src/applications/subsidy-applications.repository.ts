import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import type { ApplicationState } from './application-states.js';
import { SubsidyApplication } from './subsidy-application.entity.js';

export type ApplicationPatch = Partial<Omit<SubsidyApplication, 'id' | 'programId' | 'companyId' | 'createdBy' | 'createdAt' | 'revision' | 'updatedAt'>>;

export interface QueueFilter {
  programId?: string;
  states?: ApplicationState[];
  companyId?: string;
  /** Submitted (or waiting) at least this many days ago. */
  olderThanDays?: number;
  /** Approved with the results report past due on this date. */
  overdueOn?: string;
  limit: number;
  offset: number;
}

/** Every query on subsidy_applications and their submissions. */
@Injectable()
export class SubsidyApplicationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<SubsidyApplication | null> {
    return m.getRepository(SubsidyApplication).findOne({ where: { id: idOrNothing(id) } });
  }

  /** Locked until the transaction ends: two actions on one application happen one after the other. */
  lock(m: EntityManager, id: string): Promise<SubsidyApplication | null> {
    return m.getRepository(SubsidyApplication).findOne({ where: { id: idOrNothing(id) }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(m: EntityManager, row: ApplicationPatch & { programId: string; companyId: string; createdBy: string }): Promise<string> {
    const result = await m.getRepository(SubsidyApplication).insert({ ...row, state: 'draft' });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Writes the patch and bumps the revision; every change goes through here. */
  async update(m: EntityManager, id: string, patch: ApplicationPatch): Promise<void> {
    await m.getRepository(SubsidyApplication).update(id, { ...patch, revision: () => 'revision + 1', updatedAt: () => 'now()' } as never);
  }

  /**
   * What a company already holds from a programme apart from one application: approved amounts
   * not yet confirmed, and confirmed ones (claimed and paid included). The cap per company is
   * checked against it under the programme's lock.
   */
  async companyUsage(m: EntityManager, programId: string, companyId: string, exceptId: string): Promise<bigint> {
    const [row] = (await m.query(
      `SELECT COALESCE(SUM(CASE WHEN state IN ('approved', 'reported') THEN approved_yen
                                WHEN state IN ('confirmed', 'claimed', 'paid') THEN confirmed_yen ELSE 0 END), 0)::text AS used
         FROM subsidy_applications WHERE program_id = $1 AND company_id = $2 AND id <> $3`,
      [programId, companyId, exceptId],
    )) as [{ used: string }];
    return BigInt(row.used);
  }

  async snapshot(m: EntityManager, applicationId: string, data: Record<string, unknown>): Promise<number> {
    const [{ seq }] = (await m.query(
      `INSERT INTO subsidy_submissions (application_id, seq, data)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2 FROM subsidy_submissions WHERE application_id = $1 RETURNING seq`,
      [applicationId, JSON.stringify(data)],
    )) as [{ seq: number }];
    return seq;
  }

  /** The last two submissions, newest first: what changed between them is what staff review again. */
  lastSubmissions(applicationId: string): Promise<{ seq: number; data: Record<string, unknown>; submitted_at: Date }[]> {
    return this.db.query(`SELECT seq, data, submitted_at FROM subsidy_submissions WHERE application_id = $1 ORDER BY seq DESC LIMIT 2`, [idOrNothing(applicationId)]);
  }

  async list(f: QueueFilter): Promise<{ rows: SubsidyApplication[]; total: number }> {
    const q = this.db.manager.getRepository(SubsidyApplication).createQueryBuilder('a');
    if (f.programId) q.andWhere('a.program_id = :programId', { programId: idOrNothing(f.programId) });
    if (f.companyId) q.andWhere('a.company_id = :companyId', { companyId: idOrNothing(f.companyId) });
    if (f.states?.length) q.andWhere('a.state IN (:...states)', { states: f.states });
    if (f.olderThanDays !== undefined) q.andWhere(`COALESCE(a.submitted_at, a.created_at) <= now() - make_interval(days => :days)`, { days: f.olderThanDays });
    if (f.overdueOn) q.andWhere(`a.state = 'approved' AND a.report_due_on < :today`, { today: f.overdueOn });
    q.orderBy('COALESCE(a.submitted_at, a.created_at)', 'ASC').addOrderBy('a.id', 'ASC').skip(f.offset).take(f.limit);
    const [rows, total] = await q.getManyAndCount();
    return { rows, total };
  }

  /** Addresses of a company's managers (mails to the company go to each). */
  managerEmails(m: EntityManager, companyId: string): Promise<{ email: string }[]> {
    return m.query(`SELECT email FROM users WHERE company_id = $1 AND role = 'company_manager' AND active`, [companyId]);
  }

  /** The programme's desk mailbox, when it has one: mails for staff go there, not to every staff account. */
  staffDesk(m: EntityManager, programId: string): Promise<{ email: string }[]> {
    return m.query(`SELECT staff_email AS email FROM subsidy_programs WHERE id = $1 AND staff_email IS NOT NULL`, [programId]);
  }

  /**
   * The applicant company as the transition's own transaction reads it. Not through another pool
   * connection: a transaction holding the programme's lock that waited for a free connection
   * deadlocked the pool once every connection was a transaction waiting for that lock.
   */
  async company(m: EntityManager, companyId: string): Promise<{ name: string; address: string; status: string; industry: string; employees: number }> {
    const [row] = (await m.query(`SELECT name, address, status, industry, employees FROM companies WHERE id = $1`, [companyId])) as { name: string; address: string; status: string; industry: string; employees: number }[];
    return row!;
  }

  async fileKinds(m: EntityManager, applicationId: string): Promise<Set<string>> {
    const rows: { kind: string }[] = await m.query(`SELECT DISTINCT kind FROM subsidy_files WHERE application_id = $1`, [applicationId]);
    return new Set(rows.map((r) => r.kind));
  }
}
