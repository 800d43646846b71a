import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError, idOrNothing, NotFoundError, RuleViolationError } from '@hokenshitsu/core';
import { ROLES, type Role } from './role.js';
import { User } from './user.entity.js';
import { hashPassword } from './password-hasher.js';

export interface CreateUserInput {
  email: string;
  password?: string;
  role: Role;
  companyId?: string | null;
}

export const MIN_PASSWORD_LENGTH = 12;

/** A password the operator can type once and change later: 18 url-safe characters. */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url');
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /**
   * Creates a user; pass `manager` to take part in a caller's transaction (company registration).
   * Returns the user and the password when one was generated (to print once, never stored in clear).
   */
  async create(input: CreateUserInput, manager?: EntityManager): Promise<{ user: User; generatedPassword?: string }> {
    if (!ROLES.includes(input.role)) {
      throw new RuleViolationError(`role must be one of ${ROLES.join(', ')}`, [{ field: 'role', message: 'unknown role' }]);
    }
    if (input.role === 'company_manager' && !input.companyId) {
      throw new RuleViolationError('a company manager needs a company', [{ field: 'company', message: 'is required for company_manager' }]);
    }
    if (input.role !== 'company_manager' && input.companyId) {
      throw new RuleViolationError('only a company manager belongs to a company', [{ field: 'company', message: 'only for company_manager' }]);
    }
    const generatedPassword = input.password ? undefined : generatePassword();
    const password = input.password ?? generatedPassword!;
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new RuleViolationError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, [
        { field: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` },
      ]);
    }
    const repo = manager ? manager.getRepository(User) : this.users;
    const email = input.email.trim().toLowerCase();
    if (await repo.exists({ where: { email } })) {
      throw new ConflictError('email is already registered', [{ field: 'email', message: 'already registered' }]);
    }
    const user = repo.create({ email, passwordHash: await hashPassword(password), role: input.role, companyId: input.companyId ?? null });
    try {
      await repo.insert(user);
    } catch (error) {
      // Two registrations racing on the same email: the unique index decides.
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError('email is already registered', [{ field: 'email', message: 'already registered' }]);
      }
      if ((error as { code?: string }).code === '23503') {
        throw new RuleViolationError('company does not exist', [{ field: 'company', message: 'no such company' }]);
      }
      throw error;
    }
    return { user, generatedPassword };
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase(), active: true } });
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
  }

  /** Sessions are resolved against active users only, so deactivation signs her out everywhere. */
  async deactivate(byAdminId: string, id: string): Promise<User> {
    const user = await this.get(id);
    if (user.id === byAdminId) {
      throw new RuleViolationError('an admin cannot deactivate her own account', [{ field: 'id', message: 'is your own account' }]);
    }
    user.active = false;
    await this.users.update(user.id, { active: false });
    return user;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOne({ where: { id: idOrNothing(id) } });
    if (!user) throw new NotFoundError('user');
    return user;
  }

  hasRole(role: Role): Promise<boolean> {
    return this.users.exists({ where: { role } });
  }
}
