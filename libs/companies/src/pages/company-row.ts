import type { FormError } from '@hokenshitsu/web';
import type { Company, CompanyStatus } from '../companies/company.entity.js';
import { INDUSTRIES, type CodeLabel } from '@hokenshitsu/reference';

/** One company as the staff verification list shows it. */
export interface CompanyRow {
  id: string;
  name: string;
  corporateNumber: string;
  industry?: CodeLabel;
  employees: number;
  address: string;
  createdAt: Date;
  status: CompanyStatus;
  pending: boolean;
  rejectionReason: string | null;
  /** The reject form's reason, kept with its error when it was refused. */
  reasonValue?: string;
  reasonError?: FormError;
}

export function toCompanyRow(company: Company): CompanyRow {
  return {
    id: company.id,
    name: company.name,
    corporateNumber: company.corporateNumber,
    industry: INDUSTRIES.find((i) => i.code === company.industry),
    employees: company.employees,
    address: company.address,
    createdAt: company.createdAt,
    status: company.status,
    pending: company.status === 'pending',
    rejectionReason: company.rejectionReason,
  };
}
