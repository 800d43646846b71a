import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityCoreModule } from '@hokenshitsu/identity';
import { CompaniesController } from './companies/companies.controller.js';
import { CompaniesRepository } from './companies/companies.repository.js';
import { CompaniesService } from './companies/companies.service.js';
import { Company } from './companies/company.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Company]), IdentityCoreModule],
  controllers: [CompaniesController],
  providers: [CompaniesRepository, CompaniesService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
