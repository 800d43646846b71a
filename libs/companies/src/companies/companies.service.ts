import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, InvalidStateTransitionError, NotFoundError, NO_ID } from '@hokenshitsu/core';
import { STAFF_ROLES, UsersService, type AuthenticatedUser } from '@hokenshitsu/identity';
import { sizeBandForEmployees } from '@hokenshitsu/reference';
import { CompaniesRepository } from './companies.repository.js';
import type { Company, CompanyStatus } from './company.entity.js';

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
    private readonly companies: CompaniesRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** A company and its manager account, together or not at all; the company waits for city staff. */
  async register(input: RegisterCompanyInput): Promise<Company> {
    return this.companies.transaction(async (tx) => {
      if (await this.companies.existsWithCorporateNumber(input.corporateNumber, tx)) throw corporateNumberTaken();
      const company = await this.companies.insertPending(tx, {
        name: input.name.trim(),
        corporateNumber: input.corporateNumber,
        industry: input.industry,
        employees: input.employees,
        sizeBand: sizeBandForEmployees(input.employees).code,
        address: input.address.trim(),
      });
      if (!company) throw corporateNumberTaken();
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
    const own = STAFF_ROLES.includes(viewer.role) ? undefined : (viewer.companyId ?? NO_ID);
    return this.companies.list({ status, id: own });
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

  /** Only a pending company can be decided, once: of two staff deciding at once, the second is refused. */
  private async review(staff: AuthenticatedUser, id: string, to: 'verified' | 'rejected', reason: string | null): Promise<Company> {
    const decided = await this.companies.decidePending(id, { status: to, reviewedBy: staff.id, reviewedAt: this.clock.now(), rejectionReason: reason });
    const company = await this.find(id);
    if (!decided) throw new InvalidStateTransitionError('company', company.status, to === 'verified' ? 'verify' : 'reject');
    return company;
  }

  private async find(id: string): Promise<Company> {
    const company = await this.companies.find(id);
    if (!company) throw new NotFoundError('company');
    return company;
  }
}

function corporateNumberTaken(): ConflictError {
  return new ConflictError('corporate_number is already registered', [{ field: 'corporate_number', message: 'already registered' }]);
}
