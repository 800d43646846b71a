import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SME_CATEGORIES, type SmeCategory } from '../rules/eligibility-rules.js';
import { TARGETS, type Target } from './application-states.js';

/**
 * The 交付申請's plan. Every field is optional while the application is a draft (a draft keeps
 * whatever she has typed so far); `submit` checks that all are there and consistent, and names
 * each one that is not.
 */
export class ApplicationPlanDto {
  @ApiPropertyOptional({ example: 5, description: 'employees to be interviewed' })
  @IsOptional()
  @IsInt({ message: 'employees must be a whole number' })
  @Min(1, { message: 'employees must be at least 1' })
  @Max(10_000, { message: 'employees must be at most 10000' })
  employees?: number;

  @ApiPropertyOptional({ enum: TARGETS, description: 'who is interviewed' })
  @IsOptional()
  @IsIn(TARGETS, { message: `target must be one of ${TARGETS.join(', ')}` })
  target?: Target;

  @ApiPropertyOptional({ description: 'who, in her words (required when target is other)' })
  @IsOptional()
  @IsString({ message: 'target_note must be text' })
  @MaxLength(500, { message: 'target_note must be at most 500 characters' })
  target_note?: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt({ message: 'sessions_per_employee must be a whole number' })
  @Min(1, { message: 'sessions_per_employee must be at least 1' })
  @Max(100, { message: 'sessions_per_employee must be at most 100' })
  sessions_per_employee?: number;

  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt({ message: 'minutes_per_session must be whole minutes' })
  @Min(1, { message: 'minutes_per_session must be at least 1' })
  @Max(600, { message: 'minutes_per_session must be at most 600' })
  minutes_per_session?: number;

  @ApiPropertyOptional({ example: 15000 })
  @IsOptional()
  @IsInt({ message: 'price_per_session_yen must be whole yen' })
  @Min(1, { message: 'price_per_session_yen must be at least 1' })
  @Max(10_000_000, { message: 'price_per_session_yen must be at most 10000000' })
  price_per_session_yen?: number;

  @ApiPropertyOptional({ example: '山田 花子' })
  @IsOptional()
  @IsString({ message: 'consultant_name must be text' })
  @MaxLength(100, { message: 'consultant_name must be at most 100 characters' })
  consultant_name?: string;

  @ApiPropertyOptional({ example: '16012345', description: 'キャリアコンサルタント登録番号 (8 digits)' })
  @IsOptional()
  @IsString({ message: 'consultant_registration_no must be text' })
  @MaxLength(30, { message: 'consultant_registration_no must be at most 30 characters' })
  consultant_registration_no?: string;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'period_start must be a date (YYYY-MM-DD)' })
  period_start?: string;

  @ApiPropertyOptional({ example: '2026-09-30' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'period_end must be a date (YYYY-MM-DD)' })
  period_end?: string;

  @ApiPropertyOptional({ enum: SME_CATEGORIES, description: '中小企業基本法 category, where the industry leaves it open (wholesale/retail, lodging/restaurants)' })
  @IsOptional()
  @IsIn(SME_CATEGORIES, { message: `sme_category must be one of ${SME_CATEGORIES.join(', ')}` })
  sme_category?: SmeCategory;

  @ApiPropertyOptional({ description: 'declaration: the same costs receive no other subsidy' })
  @IsOptional()
  @IsBoolean({ message: 'no_other_subsidy must be true or false' })
  no_other_subsidy?: boolean;
}
