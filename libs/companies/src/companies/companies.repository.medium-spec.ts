import { randomInt, randomUUID } from 'node:crypto';
import { ConflictError, InvalidStateTransitionError, NotFoundError } from '@hokenshitsu/core';
import { UsersService, type AuthenticatedUser } from '@hokenshitsu/identity';
import { startMedium, type MediumContext } from '../../../../test/support/medium.js';
import { CompaniesModule } from '../companies.module.js';
import { corporateNumberCheckDigit } from '../corporate-number/corporate-number.js';
import { CompaniesRepository, type NewCompany } from './companies.repository.js';
import { CompaniesService, type RegisterCompanyInput } from './companies.service.js';

function corporateNumber(): string {
  const base = Array.from({ length: 12 }, () => randomInt(10)).join('');
  return `${corporateNumberCheckDigit(base)}${base}`;
}

const email = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@example.jp`;

function newCompany(overrides: Partial<NewCompany> = {}): NewCompany {
  return { name: '株式会社ミディアム', corporateNumber: corporateNumber(), industry: 'E', employees: 42, sizeBand: '20-49', address: '旭川市', ...overrides };
}

function registration(overrides: Partial<RegisterCompanyInput> = {}): RegisterCompanyInput {
  return {
    name: ' 株式会社ミディアム ', corporateNumber: corporateNumber(), industry: 'E', employees: 42, address: '旭川市',
    managerEmail: email('manager'), managerPassword: 'correct-horse-battery', ...overrides,
  };
}

describe('companies on PostgreSQL (medium)', () => {
  let m: MediumContext;
  let repo: CompaniesRepository;
  let service: CompaniesService;
  let staff: AuthenticatedUser;

  beforeAll(async () => {
    m = await startMedium(CompaniesModule);
    repo = m.get(CompaniesRepository);
    service = m.get(CompaniesService);
    const { user } = await m.get(UsersService).create({ email: email('staff'), role: 'city_staff', password: 'correct-horse-battery' });
    staff = { id: user.id, email: user.email, role: 'city_staff', companyId: null, sessionId: 'medium' };
  });
  afterAll(() => m.close());

  const usersWithEmail = async (address: string) =>
    ((await m.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [address])) as { n: number }[])[0]!.n;

  it('inserts a pending company and reads it back by id, status and corporate number', async () => {
    const values = newCompany();
    const inserted = await repo.transaction((tx) => repo.insertPending(tx, values));
    expect(inserted).toMatchObject({ ...values, status: 'pending' });
    expect(inserted!.id).toMatch(/^[0-9a-f-]{36}$/);

    const found = await repo.find(inserted!.id);
    expect(found).toMatchObject({ ...values, id: inserted!.id, status: 'pending', reviewedBy: null, reviewedAt: null, rejectionReason: null });
    expect(found!.createdAt).toBeInstanceOf(Date);
    expect(await repo.existsWithCorporateNumber(values.corporateNumber)).toBe(true);
    expect(await repo.existsWithCorporateNumber(corporateNumber())).toBe(false);
    expect((await repo.list({ status: 'pending' })).map((c) => c.id)).toContain(inserted!.id);
    expect((await repo.list({ status: 'verified' })).map((c) => c.id)).not.toContain(inserted!.id);
    expect((await repo.list({ id: inserted!.id })).map((c) => c.id)).toEqual([inserted!.id]);
    expect(await repo.find('not-a-uuid')).toBeNull();
  });

  it('meets a corporate number clash at the unique index inside a transaction, and the transaction leaves nothing behind', async () => {
    const taken = newCompany();
    await repo.transaction((tx) => repo.insertPending(tx, taken));
    const first = newCompany();
    const outcome = await repo
      .transaction(async (tx) => {
        await repo.insertPending(tx, first);
        const clash = await repo.insertPending(tx, newCompany({ corporateNumber: taken.corporateNumber }));
        if (clash === null) throw new Error('clash');
        return clash;
      })
      .catch((error: Error) => error.message);
    expect(outcome).toBe('clash');
    expect(await repo.existsWithCorporateNumber(first.corporateNumber)).toBe(false);
  });

  describe('register: the company and its manager together or not at all', () => {
    it('stores both', async () => {
      const input = registration();
      const company = await service.register(input);
      expect(company).toMatchObject({ name: '株式会社ミディアム', status: 'pending', sizeBand: '20-49' });
      const [manager] = await m.db.query(`SELECT role, company_id FROM users WHERE email = $1`, [input.managerEmail]);
      expect(manager).toEqual({ role: 'company_manager', company_id: company.id });
    });

    it('a taken corporate number leaves no manager account', async () => {
      const first = await service.register(registration());
      const second = registration({ corporateNumber: first.corporateNumber });
      await expect(service.register(second)).rejects.toThrow(new ConflictError('corporate_number is already registered'));
      expect(await usersWithEmail(second.managerEmail)).toBe(0);
    });

    it('a taken manager email rolls the company back', async () => {
      const first = registration();
      await service.register(first);
      const second = registration({ managerEmail: first.managerEmail });
      const error = await service.register(second).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).fields).toEqual([{ field: 'manager_email', message: 'already registered' }]);
      expect(await repo.existsWithCorporateNumber(second.corporateNumber)).toBe(false);
    });

    it('of two registrations racing for one corporate number, one wins and the loser leaves no manager account', async () => {
      const number = corporateNumber();
      const racers = [registration({ corporateNumber: number }), registration({ corporateNumber: number })];
      const results = await Promise.allSettled(racers.map((r) => service.register(r)));
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const loser = results.findIndex((r) => r.status === 'rejected');
      const reason = (results[loser] as PromiseRejectedResult).reason as ConflictError;
      expect(reason).toBeInstanceOf(ConflictError);
      expect(reason.fields).toEqual([{ field: 'corporate_number', message: 'already registered' }]);
      expect(await usersWithEmail(racers[loser]!.managerEmail)).toBe(0);
      expect(await usersWithEmail(racers[1 - loser]!.managerEmail)).toBe(1);
      expect(await repo.list({ id: (results[1 - loser] as PromiseFulfilledResult<{ id: string }>).value.id })).toHaveLength(1);
    });
  });

  describe('deciding a pending company', () => {
    it('records the decision with who and when', async () => {
      const company = await service.register(registration());
      const rejected = await service.reject(staff, company.id, 'not a company in the city');
      expect(rejected).toMatchObject({ id: company.id, status: 'rejected', reviewedBy: staff.id, rejectionReason: 'not a company in the city' });
      expect(rejected.reviewedAt).toBeInstanceOf(Date);
      await expect(service.verify(staff, company.id)).rejects.toThrow(new InvalidStateTransitionError('company', 'rejected', 'verify'));
      await expect(service.verify(staff, randomUUID())).rejects.toThrow(NotFoundError);
    });

    it('of two staff deciding at once, exactly one decision stands and the other is refused', async () => {
      const company = await service.register(registration());
      const results = await Promise.allSettled([service.verify(staff, company.id), service.reject(staff, company.id, null)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ status: string }>).value.status;
      const refusal = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
      expect(refusal).toBeInstanceOf(InvalidStateTransitionError);
      expect((refusal as Error).message).toBe(`company is ${winner}: cannot ${winner === 'verified' ? 'reject' : 'verify'}`);
      expect((await repo.find(company.id))!.status).toBe(winner);
    });

    it('the guarded update itself changes a row only while it is pending', async () => {
      const company = await service.register(registration());
      const decision = { reviewedBy: staff.id, reviewedAt: new Date(), rejectionReason: null };
      const applied = await Promise.all([
        repo.decidePending(company.id, { ...decision, status: 'verified' }),
        repo.decidePending(company.id, { ...decision, status: 'rejected' }),
        repo.decidePending(company.id, { ...decision, status: 'verified' }),
      ]);
      expect(applied.filter(Boolean)).toHaveLength(1);
      expect(await repo.decidePending(randomUUID(), { ...decision, status: 'verified' })).toBe(false);
    });
  });
});
