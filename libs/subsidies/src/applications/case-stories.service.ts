import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubsidyEventsRepository } from '../audit/subsidy-events.repository.js';
import { actorOf } from './subsidy-applications.service.js';
import type { SubsidyApplication } from './subsidy-application.entity.js';
import { SubsidyApplicationsRepository } from './subsidy-applications.repository.js';

export interface PublishedCaseStory {
  application_id: string;
  company_name: string;
  industry: string;
  fiscal_year: number;
  story: string;
  reported_at: Date;
}

/**
 * Case stories: "this company used Self-Career-Dock with city support, and this happened". Only
 * those the company agreed to publish, and only after staff read them, reach the public page.
 */
@Injectable()
export class CaseStoriesService {
  constructor(
    private readonly applications: SubsidyApplicationsRepository,
    private readonly events: SubsidyEventsRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async decide(viewer: AuthenticatedUser, id: string, decision: 'publish' | 'decline'): Promise<SubsidyApplication> {
    if (actorOf(viewer) !== 'staff') throw new ForbiddenError('only city staff publish case stories');
    await this.applications.transaction(async (m) => {
      const a = await this.applications.lock(m, id);
      if (!a) throw new NotFoundError('subsidy application');
      if (a.caseStoryStatus !== 'pending') throw new ConflictError(`the case story is ${a.caseStoryStatus}: nothing to decide`, [{ field: 'case_story_status', message: `is ${a.caseStoryStatus}` }]);
      const to = decision === 'publish' ? 'published' : 'declined';
      await this.applications.update(m, a.id, { caseStoryStatus: to });
      await this.events.append(m, { programId: a.programId, applicationId: a.id, action: `case-story-${decision}`, fromState: a.state, toState: a.state, actorId: viewer.id, actorRole: viewer.role, detail: {} });
    });
    return (await this.applications.find(id))!;
  }

  /** The public page's stories, newest first. */
  published(limit = 50): Promise<PublishedCaseStory[]> {
    return this.db.query(
      `SELECT a.id AS application_id, c.name AS company_name, c.industry, p.fiscal_year, a.case_story AS story, a.reported_at
         FROM subsidy_applications a JOIN companies c ON c.id = a.company_id JOIN subsidy_programs p ON p.id = a.program_id
        WHERE a.case_story_status = 'published' AND a.publish_case_story AND a.state <> 'withdrawn'
        ORDER BY a.reported_at DESC LIMIT $1`,
      [limit],
    );
  }
}
