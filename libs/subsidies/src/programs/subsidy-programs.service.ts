import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, NotFoundError, RuleViolationError, tokyoDate } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { SubsidyEventsRepository } from '../audit/subsidy-events.repository.js';
import { fiscalYearRange } from '../rules/subsidy-dates.js';
import type { CreateProgramDto } from './create-program.dto.js';
import { ledgerOf, type Ledger, type SubsidyProgram } from './subsidy-program.entity.js';
import { SubsidyProgramsRepository } from './subsidy-programs.repository.js';

export const PROGRAM_DEFAULTS = {
  name: 'セルフ・キャリアドック導入支援補助金',
  municipality: '旭川市',
  issuer: '旭川市長',
  reportDueDays: 30,
  withdrawalDays: 10,
  noticeNumberFormat: '旭女活第{n}号',
};

/** Programmes (one per fiscal year) and their budget ledger; city staff set them up. */
@Injectable()
export class SubsidyProgramsService {
  constructor(
    private readonly programs: SubsidyProgramsRepository,
    private readonly events: SubsidyEventsRepository,
    private readonly clock: Clock,
  ) {}

  async create(staff: AuthenticatedUser, dto: CreateProgramDto): Promise<SubsidyProgram> {
    const fy = fiscalYearRange(dto.fiscal_year);
    const problems: { field: string; message: string }[] = [];
    if (dto.rate_numerator > dto.rate_denominator) problems.push({ field: 'rate_numerator', message: 'must not exceed rate_denominator (a rate above 100%)' });
    if (dto.closes_on < dto.opens_on) problems.push({ field: 'closes_on', message: 'must not be before opens_on' });
    if (dto.opens_on < fy.start || dto.opens_on > fy.end) problems.push({ field: 'opens_on', message: `must lie in fiscal year ${dto.fiscal_year} (${fy.start} to ${fy.end})` });
    if (dto.closes_on < fy.start || dto.closes_on > fy.end) problems.push({ field: 'closes_on', message: `must lie in fiscal year ${dto.fiscal_year} (${fy.start} to ${fy.end})` });
    if (dto.cap_per_company_yen > dto.budget_yen) problems.push({ field: 'cap_per_company_yen', message: 'must not exceed budget_yen' });
    if (problems.length) throw new RuleViolationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);

    return this.programs.transaction(async (m) => {
      const id = await this.programs.insert(m, {
        fiscalYear: dto.fiscal_year,
        name: dto.name?.trim() || PROGRAM_DEFAULTS.name,
        municipality: dto.municipality?.trim() || PROGRAM_DEFAULTS.municipality,
        issuer: dto.issuer?.trim() || PROGRAM_DEFAULTS.issuer,
        budgetYen: BigInt(dto.budget_yen),
        rateNumerator: dto.rate_numerator,
        rateDenominator: dto.rate_denominator,
        capPerCompanyYen: BigInt(dto.cap_per_company_yen),
        maxPricePerSessionYen: BigInt(dto.max_price_per_session_yen),
        minMinutesPerSession: dto.min_minutes_per_session,
        maxSessionsPerEmployee: dto.max_sessions_per_employee,
        roundingYen: dto.rounding_yen,
        opensOn: dto.opens_on,
        closesOn: dto.closes_on,
        reportDueDays: dto.report_due_days ?? PROGRAM_DEFAULTS.reportDueDays,
        reportDueOn: dto.report_due_on ?? null,
        withdrawalDays: dto.withdrawal_days ?? PROGRAM_DEFAULTS.withdrawalDays,
        noticeNumberFormat: dto.notice_number_format ?? PROGRAM_DEFAULTS.noticeNumberFormat,
        staffEmail: dto.staff_email?.trim() || null,
        createdBy: staff.id,
      });
      if (!id) throw new ConflictError(`fiscal_year ${dto.fiscal_year} already has a programme`, [{ field: 'fiscal_year', message: 'already has a programme' }]);
      await this.events.append(m, { programId: id, applicationId: null, action: 'create-program', fromState: null, toState: null, actorId: staff.id, actorRole: staff.role, detail: { ...dto } });
      return (await this.programs.find(id, m))!;
    });
  }

  list(): Promise<SubsidyProgram[]> {
    return this.programs.list();
  }

  async get(id: string): Promise<SubsidyProgram> {
    const program = await this.programs.find(id);
    if (!program) throw new NotFoundError('subsidy programme');
    return program;
  }

  async ledger(id: string): Promise<Ledger> {
    return ledgerOf(await this.get(id));
  }

  /** Every programme open for applications today (Tokyo): a company may apply to each. */
  allOpenToday(): Promise<SubsidyProgram[]> {
    return this.programs.allOpenOn(tokyoDate(this.clock.now()));
  }

  /** The programme open for applications today (Tokyo), if any: what the digest page and reports point employers to. */
  openToday(): Promise<SubsidyProgram | null> {
    return this.programs.openOn(tokyoDate(this.clock.now()));
  }
}
