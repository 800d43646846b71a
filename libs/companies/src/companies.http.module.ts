import { Module } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { CompaniesModule } from './companies.module.js';
import { CompaniesController } from './companies/companies.controller.js';
import { CompaniesPageController } from './pages/companies.page.controller.js';
import { RegisterPageController } from './pages/register.page.controller.js';

/** The HTTP side of companies (API, registration and staff verification pages); only the api mounts it. */
@Module({
  imports: [CompaniesModule, WebModule],
  controllers: [CompaniesController, RegisterPageController, CompaniesPageController],
})
export class CompaniesHttpModule {}
