import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, Public, Roles, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { CompaniesService } from './companies.service.js';
import { CompanyResponse, RegisteredCompanyResponse, toCompanyResponse } from './company.response.js';
import { ListCompaniesQuery, RegisterCompanyDto, RejectCompanyDto } from './register-company.dto.js';

@ApiTags('companies')
@Controller('api/v1/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post('register')
  @Public()
  @ApiOp('Register a company and its manager account (pending until city staff verify it)', [400, 409, 415], { public: true })
  @ApiCreatedResponse({ type: RegisteredCompanyResponse })
  async register(@Body() dto: RegisterCompanyDto): Promise<RegisteredCompanyResponse> {
    const company = await this.companies.register({
      name: dto.name,
      corporateNumber: dto.corporate_number,
      industry: dto.industry,
      employees: dto.employees,
      address: dto.address,
      managerEmail: dto.manager_email,
      managerPassword: dto.manager_password,
    });
    return { id: company.id, status: company.status };
  }

  @Get()
  @Roles('admin', 'city_staff', 'company_manager')
  @ApiOp('List companies: staff see all (filter by status), a manager her own', [400])
  @ApiOkResponse({ type: [CompanyResponse] })
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListCompaniesQuery): Promise<CompanyResponse[]> {
    return (await this.companies.list(user, query.status)).map(toCompanyResponse);
  }

  @Get(':id')
  @Roles('admin', 'city_staff', 'company_manager')
  @ApiOp('One company (a manager: only her own; others answer 404)', [404])
  @ApiOkResponse({ type: CompanyResponse })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<CompanyResponse> {
    return toCompanyResponse(await this.companies.get(user, id));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @StaffOnly()
  @ApiOp('Verify a pending company', [404, 409])
  @ApiOkResponse({ type: CompanyResponse })
  async verify(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<CompanyResponse> {
    return toCompanyResponse(await this.companies.verify(user, id));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @StaffOnly()
  @ApiOp('Reject a pending company', [400, 404, 409])
  @ApiOkResponse({ type: CompanyResponse })
  async reject(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() dto: RejectCompanyDto): Promise<CompanyResponse> {
    return toCompanyResponse(await this.companies.reject(user, id, dto?.reason?.trim() || null));
  }
}
