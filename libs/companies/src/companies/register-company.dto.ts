import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { isValidCorporateNumber } from '../corporate-number/corporate-number.js';

@ValidatorConstraint({ name: 'corporateNumberCheckDigit' })
class CorporateNumberCheckDigit implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidCorporateNumber(value);
  }
  defaultMessage(): string {
    return 'corporate_number has a wrong check digit (法人番号のチェックデジットが正しくありません)';
  }
}

export class RegisterCompanyDto {
  @ApiProperty({ example: '株式会社あさひかわ製作所' })
  @IsString()
  @MinLength(1, { message: 'name is required' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '7000012050002', description: '法人番号: 13 digits, check digit verified' })
  @IsString()
  @Matches(/^\d{13}$/, { message: 'corporate_number must be 13 digits' })
  @Validate(CorporateNumberCheckDigit)
  corporate_number: string;

  @ApiProperty({ enum: INDUSTRIES.map((i) => i.code), description: 'JSIC division code' })
  @IsIn(INDUSTRIES.map((i) => i.code), { message: 'industry must be a JSIC division code (A–T)' })
  industry: string;

  @ApiProperty({ example: 42, minimum: 1 })
  @IsInt({ message: 'employees must be a whole number' })
  @Min(1, { message: 'employees must be at least 1' })
  @Max(1_000_000)
  employees: number;

  @ApiProperty({ example: '北海道旭川市6条通9丁目' })
  @IsString()
  @MinLength(1, { message: 'address is required' })
  @MaxLength(300)
  address: string;

  @ApiProperty({ example: 'manager@example.co.jp' })
  @IsEmail({}, { message: 'manager_email must be an email address' })
  @MaxLength(254)
  manager_email: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'manager_password must be at least 12 characters' })
  @MaxLength(1024)
  manager_password: string;
}

export class RejectCompanyDto {
  @ApiProperty({ required: false, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ListCompaniesQuery {
  @ApiProperty({ required: false, enum: ['pending', 'verified', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'verified', 'rejected'], { message: 'status must be pending, verified or rejected' })
  status?: 'pending' | 'verified' | 'rejected';
}
