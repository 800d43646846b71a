import { Body, Controller, Get, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ConflictError } from '@hokenshitsu/core';
import { Public } from '@hokenshitsu/identity';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { asciiDigits, field, FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, wholeNumber, type FormErrors } from '@hokenshitsu/web';
import { CompaniesService } from '../companies/companies.service.js';
import { RegisterCompanyDto } from '../companies/register-company.dto.js';

const FIELDS = ['name', 'corporate_number', 'industry', 'employees', 'address', 'manager_email', 'manager_password'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** Public company registration (pending until city staff verify it), validated by the API's own DTO. */
@ApiExcludeController()
@Controller('register')
export class RegisterPageController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly i18n: I18n,
  ) {}

  @Get()
  @Public()
  show(@Res() res: Response): void {
    this.render(res, {});
  }

  @Get('complete')
  @Public()
  @Render('register-complete')
  complete() {
    return { titleKey: 'registered.title' };
  }

  @Post()
  @Public()
  async register(@Body() body: Record<string, string>, @Res() res: Response): Promise<void> {
    const typed = Object.fromEntries(FIELDS.map((f) => [f, field(body, f)])) as Values;
    const input = {
      ...typed,
      corporate_number: asciiDigits(typed.corporate_number),
      employees: wholeNumber(asciiDigits(typed.employees)),
      manager_email: typed.manager_email.normalize('NFKC').trim(),
    };
    const errors = new FormErrorBuilder(this.i18n, 'register', FIELDS);
    if (!(await readForm(RegisterCompanyDto, input, errors))) return this.render(res, { values: typed }, new FormRefusedError(errors.build()));

    try {
      await this.companies.register({
        name: input.name,
        corporateNumber: input.corporate_number,
        industry: input.industry,
        employees: input.employees as number,
        address: input.address,
        managerEmail: input.manager_email,
        managerPassword: input.manager_password,
      });
    } catch (error) {
      if (!(error instanceof ConflictError) || error.fields.length === 0) throw error;
      return this.render(res, { values: typed, errors: errors.addDomain(error.fields, 'conflict').build() }, error);
    }
    // Post/redirect/get: reloading the confirmation never registers twice.
    res.redirect(303, '/register/complete');
  }

  /** What the person typed comes back, except the password. */
  private render(res: Response, model: { values?: Values; errors?: FormErrors }, refusal?: unknown): void {
    const { manager_password: _password, ...values } = model.values ?? ({} as Partial<Values>);
    const errors = model.errors ?? (refusal instanceof FormRefusedError ? refusal.errors : undefined);
    renderPage(res, 'register', { titleKey: 'register.title', failed: Boolean(errors), errors, values, industries: INDUSTRIES }, refusal);
  }
}
