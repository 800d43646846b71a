import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CompaniesService, type Company } from '@hokenshitsu/companies';
import { CurrentUser, STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { INDUSTRIES } from '@hokenshitsu/reference';

/** What a company manager sees of her company on the home page. */
interface HomeCompany {
  status: Company['status'];
  pending: boolean;
  name?: string;
  corporateNumber?: string;
  industry?: { ja: string; en: string };
  employees?: number;
  rejectionReason?: string | null;
}

function toHomeCompany(company: Company): HomeCompany {
  // Until staff verify it, the manager sees only that it waits: nothing of it is confirmed yet.
  if (company.status === 'pending') return { status: company.status, pending: true };
  return {
    status: company.status,
    pending: false,
    name: company.name,
    corporateNumber: company.corporateNumber,
    industry: INDUSTRIES.find((i) => i.code === company.industry),
    employees: company.employees,
    rejectionReason: company.rejectionReason,
  };
}

/** The home page: one section per role, each pointing to that role's work. */
@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @Render('home')
  async home(@CurrentUser() user: AuthenticatedUser) {
    const company = user.role === 'company_manager' && user.companyId ? toHomeCompany(await this.companies.get(user, user.companyId)) : undefined;
    return {
      titleKey: 'home.title',
      staff: STAFF_ROLES.includes(user.role),
      admin: user.role === 'admin',
      counsellor: user.role === 'counsellor',
      manager: user.role === 'company_manager',
      company,
    };
  }
}
