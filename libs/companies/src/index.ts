export * from './corporate-number/corporate-number.js';
export * from './companies/company.entity.js';
export * from './companies/companies.service.js';
export * from './companies/company.response.js';
export * from './companies.module.js';
export * from './companies/register-company.dto.js';
export * from './companies.http.module.js';
