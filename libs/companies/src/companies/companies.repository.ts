import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import { Company, type CompanyStatus } from './company.entity.js';

export type NewCompany = Pick<Company, 'name' | 'corporateNumber' | 'industry' | 'employees' | 'sizeBand' | 'address'>;

/** City staff's decision on a pending company. */
export interface CompanyDecision {
  status: Exclude<CompanyStatus, 'pending'>;
  reviewedBy: string;
  reviewedAt: Date;
  rejectionReason: string | null;
}

/** Every query on `companies`. Methods that take `tx` run inside the caller's transaction. */
@Injectable()
export class CompaniesRepository {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** One transaction for work that spans this repository and another domain's (the manager account). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string): Promise<Company | null> {
    return this.companies.findOne({ where: { id: idOrNothing(id) } });
  }

  /** Newest first; `id` narrows the list to one company (a manager's view). */
  list(filter: { status?: CompanyStatus; id?: string }): Promise<Company[]> {
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (filter.id !== undefined) where.id = idOrNothing(filter.id);
    return this.companies.find({ where, order: { createdAt: 'DESC' } });
  }

  existsWithCorporateNumber(corporateNumber: string, tx?: EntityManager): Promise<boolean> {
    return this.repo(tx).exists({ where: { corporateNumber } });
  }

  /**
   * Inserts a pending company and returns it with its id, or null when the corporate number is
   * already registered: two registrations racing past the existence check meet at the unique index.
   * After a null the transaction is aborted; the caller must end it (by throwing).
   */
  async insertPending(tx: EntityManager, values: NewCompany): Promise<Company | null> {
    const repo = tx.getRepository(Company);
    const company = repo.create({ ...values, status: 'pending' });
    try {
      await repo.insert(company);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
    return company;
  }

  /**
   * Records a decision only while the company is still pending, in one statement: of two staff
   * deciding at once, the second finds the row no longer pending (PostgreSQL re-checks the
   * condition after the first commits). False when nothing was pending under that id.
   */
  async decidePending(id: string, decision: CompanyDecision): Promise<boolean> {
    const result = await this.companies.update({ id: idOrNothing(id), status: 'pending' }, decision);
    return (result.affected ?? 0) > 0;
  }

  private repo(tx?: EntityManager): Repository<Company> {
    return tx ? tx.getRepository(Company) : this.companies;
  }
}
