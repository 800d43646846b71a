import { Injectable } from '@nestjs/common';
import { CompaniesService, type Company } from '@hokenshitsu/companies';
import { ForbiddenError } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { plannedSessionsOf } from '../applications/application-plan.js';
import { actorOf, SubsidyApplicationsService } from '../applications/subsidy-applications.service.js';
import type { SubsidyApplication } from '../applications/subsidy-application.entity.js';
import { SubsidyApplicationsRepository } from '../applications/subsidy-applications.repository.js';
import type { SubsidyEvent } from '../audit/subsidy-events.repository.js';
import { SubsidyFilesService } from '../files/subsidy-files.service.js';
import type { SubsidyFileInfo } from '../files/subsidy-files.repository.js';
import { termsOf, type SubsidyProgram } from '../programs/subsidy-program.entity.js';
import { confirmedSubsidy, plannedSubsidy, type SubsidyComputation } from '../rules/subsidy-rules.js';
import { ApplicationReviewRepository, type NoticeRow } from './application-review.repository.js';

export interface ApplicationReview {
  application: SubsidyApplication;
  program: SubsidyProgram;
  company: Company;
  changes: { field: string; before: unknown; after: unknown }[];
  files: SubsidyFileInfo[];
  notices: NoticeRow[];
  events: (SubsidyEvent & { actor_email: string | null })[];
  /** What 額の確定 will compute, shown before she presses (reported applications). */
  confirmPreview: SubsidyComputation | null;
  /** The pending change's plan computed, beside the approved one (approve-change / refuse-change). */
  changePreview: SubsidyComputation | null;
}

/** Everything city staff read about one application before acting on it. */
@Injectable()
export class ApplicationReviewService {
  constructor(
    private readonly applications: SubsidyApplicationsService,
    private readonly files: SubsidyFilesService,
    private readonly companies: CompaniesService,
    private readonly repository: ApplicationReviewRepository,
    private readonly rows: SubsidyApplicationsRepository,
  ) {}

  async review(viewer: AuthenticatedUser, id: string): Promise<ApplicationReview> {
    if (actorOf(viewer) !== 'staff') throw new ForbiddenError('the review page is for city staff');
    const { application: a, program } = await this.applications.withProgram(viewer, id);
    const [company, changes, files, notices, events] = await Promise.all([
      this.companies.get(viewer, a.companyId),
      this.applications.changesSinceReturn(viewer, a.id),
      this.files.list(viewer, a.id),
      this.repository.notices(a.id),
      this.applications.history(viewer, a.id),
    ]);
    const emails = await this.repository.actorEmails([...new Set(events.map((e) => e.actor_id).filter((x): x is string => x !== null))]);
    const plan = plannedSessionsOf(a);
    // The same arithmetic, with the same inputs, that the confirmation will run.
    let confirmPreview: SubsidyComputation | null = null;
    if (a.state === 'reported' && plan && a.sessionsHeld !== null && a.actualCostYen !== null && a.approvedYen !== null) {
      const used = await this.rows.transaction((m) => this.rows.companyUsage(m, program.id, a.companyId, a.id));
      confirmPreview = confirmedSubsidy(plan, { sessionsHeld: a.sessionsHeld, actualCostYen: a.actualCostYen }, termsOf(program), a.approvedYen, used);
    }
    const c = a.pendingChange;
    const changePreview = c ? plannedSubsidy({ employees: c.employees, sessionsPerEmployee: c.sessions_per_employee, minutesPerSession: c.minutes_per_session, pricePerSessionYen: BigInt(c.price_per_session_yen) }, termsOf(program)) : null;
    return { application: a, program, company, changes, files, notices, events: events.map((e) => ({ ...e, actor_email: e.actor_id ? (emails.get(e.actor_id) ?? null) : null })), confirmPreview, changePreview };
  }
}
