import { ApiProperty } from '@nestjs/swagger';
import { sizeClassOfBand } from '@hokenshitsu/reference';
import { COMPANY_STATUSES, type Company, type CompanyStatus } from './company.entity.js';

export class CompanyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() corporate_number: string;
  @ApiProperty() industry: string;
  @ApiProperty() employees: number;
  @ApiProperty() size_band: string;
  @ApiProperty() size_class: string;
  @ApiProperty() address: string;
  @ApiProperty({ enum: COMPANY_STATUSES }) status: CompanyStatus;
  @ApiProperty({ nullable: true, type: String }) rejection_reason: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) reviewed_at: string | null;
}

export class RegisteredCompanyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COMPANY_STATUSES }) status: CompanyStatus;
}

export function toCompanyResponse(c: Company): CompanyResponse {
  return {
    id: c.id,
    name: c.name,
    corporate_number: c.corporateNumber,
    industry: c.industry,
    employees: c.employees,
    size_band: c.sizeBand,
    size_class: sizeClassOfBand(c.sizeBand) ?? c.sizeBand,
    address: c.address,
    status: c.status,
    rejection_reason: c.rejectionReason,
    created_at: c.createdAt.toISOString(),
    reviewed_at: c.reviewedAt ? c.reviewedAt.toISOString() : null,
  };
}
