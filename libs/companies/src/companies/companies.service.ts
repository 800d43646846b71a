import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock, ConflictError, InvalidStateTransitionError, NotFoundError, idOrNothing, NO_ID } from '@hokenshitsu/core';
import { STAFF_ROLES, UsersService, type AuthenticatedUser } from '@hokenshitsu/identity';
import { sizeBandForEmployees } from '@hokenshitsu/reference';
import { Company, type CompanyStatus } from './company.entity.js';

export interface RegisterCompanyInput {
  name: string;
  corporateNumber: string;
  industry: string;
  employees: number;
  address: string;
  managerEmail: string;
  managerPassword: string;
}

@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** A company and its manager account, together or not at all; the company waits for city staff. */
  async register(input: RegisterCompanyInput): Promise<Company> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Company);
      if (await repo.exists({ where: { corporateNumber: input.corporateNumber } })) {
        throw new ConflictError('corporate_number is already registered', [{ field: 'corporate_number', message: 'already registered' }]);
      }
      const company = repo.create({
        name: input.name.trim(),
        corporateNumber: input.corporateNumber,
        industry: input.industry,
        employees: input.employees,
        sizeBand: sizeBandForEmployees(input.employees).code,
        address: input.address.trim(),
        status: 'pending',
      });
      await repo.insert(company).catch((error: { code?: string }) => {
        if (error.code === '23505') {
          throw new ConflictError('corporate_number is already registered', [{ field: 'corporate_number', message: 'already registered' }]);
        }
        throw error;
      });
      await this.users
        .create({ email: input.managerEmail, password: input.managerPassword, role: 'company_manager', companyId: company.id }, tx)
        .catch((error: unknown) => {
          if (error instanceof ConflictError) {
            throw new ConflictError('manager_email is already registered', [{ field: 'manager_email', message: 'already registered' }]);
          }
          throw error;
        });
      return company;
    });
  }

  /** Staff see every company; a manager sees only her own (filtered like any other). */
  list(viewer: AuthenticatedUser, status?: CompanyStatus): Promise<Company[]> {
    const where: Record<string, unknown> = {};
    if (status) where.status = status;
    if (!STAFF_ROLES.includes(viewer.role)) where.id = viewer.companyId ?? NO_ID;
    return this.companies.find({ where, order: { createdAt: 'DESC' } });
  }

  /** Another tenant's company answers "not found", as if it did not exist. */
  async get(viewer: AuthenticatedUser, id: string): Promise<Company> {
    if (!STAFF_ROLES.includes(viewer.role) && viewer.companyId !== id) throw new NotFoundError('company');
    return this.find(id);
  }

  async verify(staff: AuthenticatedUser, id: string): Promise<Company> {
    return this.review(staff, id, 'verified', null);
  }

  async reject(staff: AuthenticatedUser, id: string, reason: string | null): Promise<Company> {
    return this.review(staff, id, 'rejected', reason);
  }

  private async review(staff: AuthenticatedUser, id: string, to: CompanyStatus, reason: string | null): Promise<Company> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Company);
      const company = await repo.findOne({ where: { id: idOrNothing(id) }, lock: { mode: 'pessimistic_write' } });
      if (!company) throw new NotFoundError('company');
      if (company.status !== 'pending') {
        throw new InvalidStateTransitionError('company', company.status, to === 'verified' ? 'verify' : 'reject');
      }
      company.status = to;
      company.reviewedBy = staff.id;
      company.reviewedAt = this.clock.now();
      company.rejectionReason = reason;
      await repo.save(company);
      return company;
    });
  }

  private async find(id: string): Promise<Company> {
    const company = await this.companies.findOne({ where: { id: idOrNothing(id) } });
    if (!company) throw new NotFoundError('company');
    return company;
  }
}

