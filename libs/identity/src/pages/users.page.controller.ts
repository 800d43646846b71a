import { Body, Controller, forwardRef, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConflictError, RuleViolationError } from '@hokenshitsu/core';
// web imports identity (cookies), so identity's pages reach the page kit lazily: I18n by forwardRef
// and a structural type, never a class reference evaluated while the two libs load.
import { field, FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, type FormErrors } from '@hokenshitsu/web';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../sessions/sessions.service.js';
import { CreateUserDto } from '../users/create-user.dto.js';
import { ROLES } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

type Labels = InstanceType<typeof I18n>;

const FORM = 'users.form';
const FIELDS = ['email', 'role', 'company_id', 'password'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** The service names the company field `company`; the form calls it company_id. */
const FORM_FIELD: Record<string, string> = { company: 'company_id' };

function toUserRow(u: User, me: AuthenticatedUser) {
  return { id: u.id, email: u.email, role: u.role, companyId: u.companyId, active: u.active, createdAt: u.createdAt, self: u.id === me.id };
}

/**
 * The admin's user management page: every account, a form to create one (a generated password is
 * shown this once), and deactivation behind a confirmation page. UsersService holds the rules.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly users: UsersService,
    @Inject(forwardRef(() => I18n)) private readonly i18n: Labels,
  ) {}

  @Get()
  async list(@CurrentUser() admin: AuthenticatedUser, @Query('deactivated') deactivated: unknown, @Res() res: Response): Promise<void> {
    const gone = typeof deactivated === 'string' ? (await this.users.list()).find((u) => u.id === deactivated) : undefined;
    await this.render(res, admin, { notice: gone ? { key: 'users.list.deactivatedNotice', vars: { email: gone.email } } : undefined });
  }

  @Post()
  async create(@CurrentUser() admin: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = Object.fromEntries(FIELDS.map((f) => [f, f === 'password' ? field(body, f) : field(body, f).trim()])) as Values;
    const errors = new FormErrorBuilder(this.i18n, FORM, FIELDS);
    const dto = await readForm(CreateUserDto, {
      email: values.email,
      role: values.role,
      ...(values.company_id ? { company_id: values.company_id } : {}),
      ...(values.password ? { password: values.password } : {}),
    }, errors);
    if (!dto) {
      const refusal = new FormRefusedError(errors.build());
      return this.render(res, admin, { values, errors: refusal.errors }, refusal);
    }
    try {
      const { user, generatedPassword } = await this.users.create({ email: dto.email, role: dto.role, companyId: dto.company_id ?? null, password: dto.password });
      // Shown on this answer only (never stored in clear, never in a URL): no redirect here.
      return this.render(res, admin, { created: { email: user.email, role: user.role, generatedPassword } });
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof RuleViolationError)) throw error;
      const reasons = error instanceof ConflictError ? 'conflict' : 'rule';
      for (const f of error.fields) errors.add(FORM_FIELD[f.field] ?? f.field, [reasons]);
      return this.render(res, admin, { values, errors: errors.build() }, error);
    }
  }

  /** Deactivation signs the person out everywhere and cannot be undone from the portal: confirm first. */
  @Get(':id/deactivate')
  async confirmDeactivate(@CurrentUser() admin: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.users.get(id);
    renderPage(res, 'users/deactivate', { titleKey: 'users.deactivate.title', user: toUserRow(user, admin) });
  }

  @Post(':id/deactivate')
  async deactivate(@CurrentUser() admin: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    try {
      await this.users.deactivate(admin.id, id);
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      const user = await this.users.get(id);
      return renderPage(res, 'users/deactivate', { titleKey: 'users.deactivate.title', failed: true, user: toUserRow(user, admin), refusedKey: 'users.deactivate.self' }, error);
    }
    res.redirect(303, `/admin/users?deactivated=${encodeURIComponent(id)}`);
  }

  private async render(
    res: Response,
    admin: AuthenticatedUser,
    model: { values?: Partial<Values>; errors?: FormErrors; created?: { email: string; role: string; generatedPassword?: string }; notice?: { key: string; vars: Record<string, string> } },
    refusal?: unknown,
  ): Promise<void> {
    renderPage(res, 'users/list', {
      titleKey: 'users.list.title',
      failed: Boolean(model.errors),
      ...model,
      values: model.values ?? {},
      roles: ROLES.map((code) => ({ code, ja: this.i18n.t('ja', `roles.${code}`), en: this.i18n.t('en', `roles.${code}`) })),
      users: (await this.users.list()).map((u) => toUserRow(u, admin)),
    }, refusal);
  }
}
