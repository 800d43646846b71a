import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@hokenshitsu/identity';
import { CompaniesRepository } from './companies/companies.repository.js';
import { CompaniesService } from './companies/companies.service.js';
import { Company } from './companies/company.entity.js';

/** Companies and their verification, without HTTP: what other domains use. */
@Module({
  imports: [TypeOrmModule.forFeature([Company]), IdentityModule],
  providers: [CompaniesRepository, CompaniesService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
