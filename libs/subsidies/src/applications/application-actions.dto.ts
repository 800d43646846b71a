import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { APPLICATION_FIELDS } from './application-states.js';

export class ReturnedFieldDto {
  @ApiProperty({ enum: APPLICATION_FIELDS })
  @IsIn(APPLICATION_FIELDS, { message: `field must be one of ${APPLICATION_FIELDS.join(', ')}` })
  field: string;

  @ApiProperty({ example: '見積書の金額と1回あたりの単価が一致しません' })
  @IsString({ message: 'comment must be text' })
  @MinLength(1, { message: 'comment must say what to correct' })
  @MaxLength(1000, { message: 'comment must be at most 1000 characters' })
  comment: string;
}

/** 差戻し: what to correct, in general and field by field. */
export class ReturnApplicationDto {
  @ApiProperty()
  @IsString({ message: 'comment must be text' })
  @MinLength(1, { message: 'comment must say why the application is returned' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment: string;

  @ApiPropertyOptional({ type: [ReturnedFieldDto] })
  @IsOptional()
  @IsArray({ message: 'fields must be a list of {field, comment}' })
  @ArrayMaxSize(APPLICATION_FIELDS.length, { message: `fields must name at most ${APPLICATION_FIELDS.length} fields` })
  @ValidateNested({ each: true })
  @Type(() => ReturnedFieldDto)
  fields?: ReturnedFieldDto[];
}

/** 交付決定: the amount, pre-filled with the computed subsidy, may only be lowered, with a reason. */
export class ApproveApplicationDto {
  @ApiProperty({ example: 75000 })
  @IsInt({ message: 'amount_yen must be whole yen' })
  @Min(1, { message: 'amount_yen must be at least 1' })
  @Max(1_000_000_000_000, { message: 'amount_yen is too large' })
  amount_yen: number;

  @ApiPropertyOptional({ description: 'required when amount_yen is below the computed subsidy' })
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason?: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString({ message: 'reason must be text' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;
}

/** 実績報告. */
export class ReportResultsDto {
  @ApiProperty({ example: 10 })
  @IsInt({ message: 'sessions_held must be a whole number' })
  @Min(0, { message: 'sessions_held must be 0 or more' })
  @Max(1_000_000, { message: 'sessions_held is too large' })
  sessions_held: number;

  @ApiProperty({ example: 150000 })
  @IsInt({ message: 'actual_cost_yen must be whole yen' })
  @Min(0, { message: 'actual_cost_yen must be 0 or more' })
  @Max(1_000_000_000_000, { message: 'actual_cost_yen is too large' })
  actual_cost_yen: number;

  @ApiPropertyOptional({ description: 'what happened, in her words, for the city to publish if she agrees' })
  @IsOptional()
  @IsString({ message: 'case_story must be text' })
  @MaxLength(4000, { message: 'case_story must be at most 4000 characters' })
  case_story?: string;

  @ApiProperty()
  @IsBoolean({ message: 'publish_case_story must be true or false' })
  publish_case_story: boolean;
}

/** 交付請求: where to pay. */
export class ClaimDto {
  @ApiProperty({ example: '北洋銀行' })
  @IsString({ message: 'bank_name must be text' })
  @MinLength(1, { message: 'bank_name must not be empty' })
  @MaxLength(60, { message: 'bank_name must be at most 60 characters' })
  bank_name: string;

  @ApiProperty({ example: '旭川中央支店' })
  @IsString({ message: 'branch_name must be text' })
  @MinLength(1, { message: 'branch_name must not be empty' })
  @MaxLength(60, { message: 'branch_name must be at most 60 characters' })
  branch_name: string;

  @ApiProperty({ enum: ['ordinary', 'current'], description: '普通 / 当座' })
  @IsIn(['ordinary', 'current'], { message: 'account_type must be ordinary or current' })
  account_type: 'ordinary' | 'current';

  @ApiProperty({ example: '1234567' })
  @IsString({ message: 'account_number must be 7 digits' })
  @Matches(/^\d{7}$/, { message: 'account_number must be 7 digits' })
  account_number: string;

  @ApiProperty({ example: 'カ）テストセイサクシヨ' })
  @IsString({ message: 'account_holder_kana must be text' })
  @Matches(/^[ァ-ヶー・（）()．.\-/ 　ｦ-ﾟ0-9A-Z]+$/u, { message: 'account_holder_kana must be written in katakana' })
  @MaxLength(100, { message: 'account_holder_kana must be at most 100 characters' })
  account_holder_kana: string;
}

/** 支払: the date the city paid. */
export class PayDto {
  @ApiProperty({ example: '2027-03-25' })
  @IsDateString({ strict: true }, { message: 'paid_on must be a date (YYYY-MM-DD)' })
  paid_on: string;
}

/** 変更承認申請: the plan's new figures; what is left out stays as approved. */
export class ChangeRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'employees must be a whole number' }) @Min(1, { message: 'employees must be at least 1' }) @Max(10_000, { message: 'employees must be at most 10000' })
  employees?: number;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'sessions_per_employee must be a whole number' }) @Min(1, { message: 'sessions_per_employee must be at least 1' }) @Max(100, { message: 'sessions_per_employee must be at most 100' })
  sessions_per_employee?: number;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'minutes_per_session must be whole minutes' }) @Min(1, { message: 'minutes_per_session must be at least 1' }) @Max(600, { message: 'minutes_per_session must be at most 600' })
  minutes_per_session?: number;

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: 'price_per_session_yen must be whole yen' }) @Min(1, { message: 'price_per_session_yen must be at least 1' }) @Max(10_000_000, { message: 'price_per_session_yen must be at most 10000000' })
  price_per_session_yen?: number;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: 'period_end must be a date (YYYY-MM-DD)' })
  period_end?: string;

  @ApiProperty()
  @IsString({ message: 'reason must be text' })
  @MinLength(1, { message: 'reason must say why the plan changes' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;
}

/** A change request's decision: the new amount may be lowered below the computed one, with a reason. */
export class ApproveChangeDto {
  @ApiPropertyOptional({ description: 'defaults to the recomputed subsidy' })
  @IsOptional()
  @IsInt({ message: 'amount_yen must be whole yen' })
  @Min(0, { message: 'amount_yen must be 0 or more' })
  @Max(1_000_000_000_000, { message: 'amount_yen is too large' })
  amount_yen?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason?: string;
}

/** Staff decide a case story the company agreed to publish. */
export class CaseStoryDecisionDto {
  @ApiProperty({ enum: ['publish', 'decline'] })
  @IsIn(['publish', 'decline'], { message: 'decision must be publish or decline' })
  decision: 'publish' | 'decline';
}
