import { Body, Controller, Get, Post, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { ConflictError } from '@hokenshitsu/core';
import { CompaniesService, RegisterCompanyDto } from '@hokenshitsu/companies';
import { Public } from '@hokenshitsu/identity';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { FormErrorBuilder, type FormErrors } from '../forms/form-errors.js';
import { field } from '../forms/form-field.js';
import { I18n } from '../i18n/i18n.js';

const FIELDS = ['name', 'corporate_number', 'industry', 'employees', 'address', 'manager_email', 'manager_password'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

/** Full-width digits and separators are what many people type here: read them as ASCII digits. */
function digits(value: string): string {
  return value.normalize('NFKC').replace(/[\s,-]/g, '');
}

/** Form bodies are strings: a whole number becomes a number, anything else stays for the DTO to refuse. */
function wholeNumber(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

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
    this.render(res, 200, {});
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
      corporate_number: digits(typed.corporate_number),
      employees: wholeNumber(digits(typed.employees)),
      manager_email: typed.manager_email.normalize('NFKC').trim(),
    };
    const errors = new FormErrorBuilder(this.i18n, 'register', FIELDS);
    errors.addValidation(await validate(plainToInstance(RegisterCompanyDto, input)));
    if (!errors.empty) return this.render(res, 422, { values: typed, errors: errors.build() });

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
      return this.render(res, 409, { values: typed, errors: errors.addDomain(error.fields, 'conflict').build() });
    }
    // Post/redirect/get: reloading the confirmation never registers twice.
    res.redirect(303, '/register/complete');
  }

  /** What the person typed comes back, except the password. */
  private render(res: Response, status: number, model: { values?: Values; errors?: FormErrors }): void {
    const { manager_password: _password, ...values } = model.values ?? ({} as Partial<Values>);
    res.status(status).render('register', {
      titleKey: 'register.title',
      failed: Boolean(model.errors),
      errors: model.errors,
      values,
      industries: INDUSTRIES,
    });
  }
}
