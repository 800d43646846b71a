import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, InvalidStateTransitionError, NotFoundError, RuleViolationError, tokyoDate } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { SubsidyEventsRepository, type SubsidyEvent } from '../audit/subsidy-events.repository.js';
import { SubsidyProgramsRepository } from '../programs/subsidy-programs.repository.js';
import type { SubsidyProgram } from '../programs/subsidy-program.entity.js';
import { changedFields, computedAmounts, planPatch } from './application-plan.js';
import type { ApplicationPlanDto } from './application-plan.dto.js';
import type { Actor, ApplicationState } from './application-states.js';
import type { SubsidyApplication } from './subsidy-application.entity.js';
import { SubsidyApplicationsRepository, type QueueFilter } from './subsidy-applications.repository.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** Whether the viewer acts as the company or as city staff; anyone else has no business here. */
export function actorOf(viewer: AuthenticatedUser): Actor {
  if (STAFF_ROLES.includes(viewer.role)) return 'staff';
  if (viewer.role === 'company_manager' && viewer.companyId) return 'company';
  throw new ForbiddenError('subsidy applications are for company managers and city staff');
}

/** Drafts and reads: the 交付申請 as she fills it in, and what staff and she may see of it. */
@Injectable()
export class SubsidyApplicationsService {
  constructor(
    private readonly applications: SubsidyApplicationsRepository,
    private readonly programs: SubsidyProgramsRepository,
    private readonly events: SubsidyEventsRepository,
    private readonly companies: CompaniesService,
    private readonly idempotency: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return tokyoDate(this.clock.now());
  }

  /** A draft for her company; creating needs the programme's window open (staff do not apply). */
  async create(viewer: AuthenticatedUser, programId: string, dto: ApplicationPlanDto, idempotencyKey?: string, requestHash = ''): Promise<{ application: SubsidyApplication; replayedId?: string }> {
    if (actorOf(viewer) !== 'company') throw new ForbiddenError('only a company manager applies');
    const program = await this.programs.find(programId);
    if (!program) throw new RuleViolationError('program_id names no programme', [{ field: 'program_id', message: 'no such programme' }]);
    const today = this.today();
    if (today < program.opensOn || today > program.closesOn) {
      throw new RuleViolationError(`program_id: applications are accepted from ${program.opensOn} to ${program.closesOn}`, [{ field: 'program_id', message: `accepts applications from ${program.opensOn} to ${program.closesOn}` }]);
    }
    await this.companies.get(viewer, viewer.companyId!);
    const id = await this.applications.transaction(async (m) => {
      const replay = idempotencyKey ? await this.idempotency.claim(m, viewer.id, idempotencyKey, requestHash) : null;
      if (replay) return (replay.body as { id: string }).id;
      const patch = planPatch(dto);
      const amounts = computedAmounts({ employees: null, sessionsPerEmployee: null, minutesPerSession: null, pricePerSessionYen: null, ...patch } as SubsidyApplication, program);
      const id = await this.applications.insert(m, { ...patch, programId: program.id, companyId: viewer.companyId!, createdBy: viewer.id, eligibleCostYen: amounts.eligibleCostYen, requestedYen: amounts.requestedYen });
      await this.events.append(m, { programId: program.id, applicationId: id, action: 'create', fromState: null, toState: 'draft', actorId: viewer.id, actorRole: viewer.role, detail: { fields: Object.keys(dto) } });
      if (idempotencyKey) await this.idempotency.store(m, viewer.id, idempotencyKey, 201, { id });
      return id;
    });
    return { application: (await this.applications.find(id))! };
  }

  /**
   * Saves what she typed into a draft or a returned application (autosave). `revision`, when
   * given, must be the current one: a form left open in another tab cannot overwrite newer work.
   */
  async saveDraft(viewer: AuthenticatedUser, id: string, dto: ApplicationPlanDto & { revision?: number }): Promise<SubsidyApplication> {
    if (actorOf(viewer) !== 'company') throw new ForbiddenError('only the applying company edits its application');
    await this.applications.transaction(async (m) => {
      const a = await this.applications.lock(m, id);
      if (!a || a.companyId !== viewer.companyId) throw new NotFoundError('subsidy application');
      if (a.state !== 'draft' && a.state !== 'returned') throw new InvalidStateTransitionError('subsidy application', a.state, 'edit');
      if (dto.revision !== undefined && dto.revision !== a.revision) {
        throw new ConflictError(`revision ${dto.revision} is stale: the application is at revision ${a.revision} (reload it)`, [{ field: 'revision', message: `is ${a.revision} now` }]);
      }
      const program = (await this.programs.find(a.programId, m))!;
      const patch = planPatch(dto);
      const amounts = computedAmounts({ ...a, ...patch }, program);
      await this.applications.update(m, a.id, { ...patch, eligibleCostYen: amounts.eligibleCostYen, requestedYen: amounts.requestedYen });
      if (Object.keys(patch).length) await this.events.append(m, { programId: a.programId, applicationId: a.id, action: 'save', fromState: a.state, toState: a.state, actorId: viewer.id, actorRole: viewer.role, detail: { fields: Object.keys(dto).filter((k) => k !== 'revision') } });
    });
    return (await this.applications.find(id))!;
  }

  /** Another company's application is "not found", as if it did not exist. */
  async get(viewer: AuthenticatedUser, id: string): Promise<SubsidyApplication> {
    const actor = actorOf(viewer);
    const a = await this.applications.find(id);
    if (!a || (actor === 'company' && a.companyId !== viewer.companyId)) throw new NotFoundError('subsidy application');
    return a;
  }

  async withProgram(viewer: AuthenticatedUser, id: string): Promise<{ application: SubsidyApplication; program: SubsidyProgram }> {
    const application = await this.get(viewer, id);
    return { application, program: (await this.programs.find(application.programId))! };
  }

  async history(viewer: AuthenticatedUser, id: string): Promise<SubsidyEvent[]> {
    const a = await this.get(viewer, id);
    return this.events.forApplication(a.id);
  }

  /** What changed between the last two submissions (staff review a resubmission by it). */
  async changesSinceReturn(viewer: AuthenticatedUser, id: string) {
    const a = await this.get(viewer, id);
    const [latest, previous] = await this.applications.lastSubmissions(a.id);
    if (!latest || !previous) return [];
    return changedFields(previous.data, latest.data);
  }

  /** Her company's applications, or for staff the review queue with its filters. */
  list(viewer: AuthenticatedUser, filter: Omit<QueueFilter, 'companyId'> & { states?: ApplicationState[] }) {
    const actor = actorOf(viewer);
    return this.applications.list({ ...filter, companyId: actor === 'company' ? viewer.companyId! : undefined });
  }
}
