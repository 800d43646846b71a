import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const MAX_YEN = 1_000_000_000_000; // one trillion yen: far beyond any city budget, safely inside a JS number

/** `POST /api/v1/subsidy-programs`: a fiscal year's terms. Money in whole yen. */
export class CreateProgramDto {
  @ApiProperty({ example: 2026, description: 'fiscal year (April–March) the programme runs in' })
  @IsInt({ message: 'fiscal_year must be a whole year such as 2026' })
  @Min(2000, { message: 'fiscal_year must be 2000 or later' })
  @Max(2100, { message: 'fiscal_year must be 2100 or earlier' })
  fiscal_year: number;

  @ApiProperty({ example: 3_000_000 })
  @IsInt({ message: 'budget_yen must be whole yen' })
  @Min(1, { message: 'budget_yen must be at least 1' })
  @Max(MAX_YEN, { message: 'budget_yen is too large' })
  budget_yen: number;

  @ApiProperty({ example: 1, description: 'subsidy rate numerator (1 of 1/2)' })
  @IsInt({ message: 'rate_numerator must be a whole number' })
  @Min(1, { message: 'rate_numerator must be at least 1' })
  @Max(1000, { message: 'rate_numerator must be at most 1000' })
  rate_numerator: number;

  @ApiProperty({ example: 2, description: 'subsidy rate denominator (2 of 1/2); at least the numerator' })
  @IsInt({ message: 'rate_denominator must be a whole number' })
  @Min(1, { message: 'rate_denominator must be at least 1' })
  @Max(1000, { message: 'rate_denominator must be at most 1000' })
  rate_denominator: number;

  @ApiProperty({ example: 300_000 })
  @IsInt({ message: 'cap_per_company_yen must be whole yen' })
  @Min(1, { message: 'cap_per_company_yen must be at least 1' })
  @Max(MAX_YEN, { message: 'cap_per_company_yen is too large' })
  cap_per_company_yen: number;

  @ApiProperty({ example: 15_000 })
  @IsInt({ message: 'max_price_per_session_yen must be whole yen' })
  @Min(1, { message: 'max_price_per_session_yen must be at least 1' })
  @Max(MAX_YEN, { message: 'max_price_per_session_yen is too large' })
  max_price_per_session_yen: number;

  @ApiProperty({ example: 30 })
  @IsInt({ message: 'min_minutes_per_session must be whole minutes' })
  @Min(1, { message: 'min_minutes_per_session must be at least 1' })
  @Max(600, { message: 'min_minutes_per_session must be at most 600' })
  min_minutes_per_session: number;

  @ApiProperty({ example: 3 })
  @IsInt({ message: 'max_sessions_per_employee must be a whole number' })
  @Min(1, { message: 'max_sessions_per_employee must be at least 1' })
  @Max(100, { message: 'max_sessions_per_employee must be at most 100' })
  max_sessions_per_employee: number;

  @ApiProperty({ enum: [1, 10, 100, 1000], description: '1: down to the yen; 1000: 千円未満切捨て' })
  @IsIn([1, 10, 100, 1000], { message: 'rounding_yen must be 1, 10, 100 or 1000' })
  rounding_yen: number;

  @ApiProperty({ example: '2026-04-01' })
  @IsDateString({ strict: true }, { message: 'opens_on must be a date (YYYY-MM-DD)' })
  opens_on: string;

  @ApiProperty({ example: '2026-12-28' })
  @IsDateString({ strict: true }, { message: 'closes_on must be a date (YYYY-MM-DD)' })
  closes_on: string;

  @ApiPropertyOptional({ example: 'セルフ・キャリアドック導入支援補助金' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiPropertyOptional({ example: '旭川市', description: 'the city an applicant must be located in' })
  @IsOptional()
  @IsString({ message: 'municipality must be text' })
  @MinLength(2, { message: 'municipality must name a city' })
  @MaxLength(50, { message: 'municipality must be at most 50 characters' })
  municipality?: string;

  @ApiPropertyOptional({ example: '旭川市長', description: 'who signs the notices' })
  @IsOptional()
  @IsString({ message: 'issuer must be text' })
  @MinLength(2, { message: 'issuer must not be empty' })
  @MaxLength(100, { message: 'issuer must be at most 100 characters' })
  issuer?: string;

  @ApiPropertyOptional({ example: 30, description: 'results report due N days after the planned period ends' })
  @IsOptional()
  @IsInt({ message: 'report_due_days must be whole days' })
  @Min(0, { message: 'report_due_days must be 0 or more' })
  @Max(365, { message: 'report_due_days must be at most 365' })
  report_due_days?: number;

  @ApiPropertyOptional({ example: '2027-03-10', description: 'a fixed last day for results reports (the earlier of the two applies)' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'report_due_on must be a date (YYYY-MM-DD)' })
  report_due_on?: string;

  @ApiPropertyOptional({ example: 10, description: 'days after a decision during which the company may withdraw' })
  @IsOptional()
  @IsInt({ message: 'withdrawal_days must be whole days' })
  @Min(0, { message: 'withdrawal_days must be 0 or more' })
  @Max(90, { message: 'withdrawal_days must be at most 90' })
  withdrawal_days?: number;

  @ApiPropertyOptional({ example: '旭女活第{n}号' })
  @IsOptional()
  @IsString({ message: 'notice_number_format must be text' })
  @Matches(/^[^{}]{0,40}\{n\}[^{}]{0,40}$/, { message: 'notice_number_format must contain {n} once, like 旭女活第{n}号' })
  notice_number_format?: string;

  @ApiPropertyOptional({ example: 'career-dock@city.example.jp', description: 'the subsidy desk\'s mailbox: mails for city staff (new applications, reports, claims) go there' })
  @IsOptional()
  @IsEmail({}, { message: 'staff_email must be an email address' })
  @MaxLength(254, { message: 'staff_email must be at most 254 characters' })
  staff_email?: string;
}
