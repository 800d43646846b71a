import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, Validate, ValidatorConstraint,
  type ValidationArguments, type ValidatorConstraintInterface,
} from 'class-validator';
import type { ConsultationInput } from './consultation.js';
import {
  CODE_MESSAGES, CODES, DATE_MESSAGE, DURATION_MAX, DURATION_MIN, EMPLOYER_KEY_MAX, MEMO_MAX, clientRefProblem, isCalendarDate,
  splitThemes,
} from './consultation-rules.js';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCalendarDate(value);
  }
  defaultMessage(args?: ValidationArguments): string {
    return DATE_MESSAGE(args?.property ?? 'date');
  }
}

@ValidatorConstraint({ name: 'clientRef' })
class ClientRef implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && clientRefProblem(value) === null;
  }
  defaultMessage(args?: ValidationArguments): string {
    return typeof args?.value === 'string' ? clientRefProblem(args.value)! : 'client_ref must be text';
  }
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty string in an optional field means "not given". */
const emptyAsMissing = ({ value }: { value: unknown }) => {
  const v = typeof value === 'string' ? value.trim() : value;
  return v === '' ? undefined : v;
};

/** One consultation as JSON: the CSV's fields (themes as an array or `a;b`), plus an optional memo. */
export class RecordConsultationDto {
  @ApiProperty({ example: '2026-11-04', description: 'Date of the session (Asia/Tokyo)' })
  @Transform(trimmed)
  @Validate(CalendarDate)
  held_on: string;

  @ApiProperty({ example: 'R-0412', maxLength: 64, description: "The counsellors' pseudonym for the person" })
  @Transform(trimmed)
  @Validate(ClientRef)
  client_ref: string;

  @ApiProperty({ required: false, nullable: true, maxLength: EMPLOYER_KEY_MAX, description: 'Stored only as a keyed HMAC, never as given' })
  @Transform(emptyAsMissing)
  @IsOptional()
  @IsString({ message: 'employer_key must be text' })
  @MaxLength(EMPLOYER_KEY_MAX, { message: `employer_key must be at most ${EMPLOYER_KEY_MAX} characters` })
  employer_key?: string | null;

  @ApiProperty({ enum: CODES.industry })
  @IsIn(CODES.industry, { message: CODE_MESSAGES.industry })
  industry: string;

  @ApiProperty({ enum: CODES.size_band, required: false, nullable: true, description: 'Required for regular and non_regular' })
  @Transform(emptyAsMissing)
  @IsOptional()
  @IsIn(CODES.size_band, { message: CODE_MESSAGES.size_band })
  size_band?: string | null;

  @ApiProperty({ enum: CODES.age_band })
  @IsIn(CODES.age_band, { message: CODE_MESSAGES.age_band })
  age_band: string;

  @ApiProperty({ enum: CODES.employment_type })
  @IsIn(CODES.employment_type, { message: CODE_MESSAGES.employment_type })
  employment_type: string;

  @ApiProperty({ enum: CODES.tenure_band })
  @IsIn(CODES.tenure_band, { message: CODE_MESSAGES.tenure_band })
  tenure_band: string;

  @ApiProperty({ enum: CODES.channel })
  @IsIn(CODES.channel, { message: CODE_MESSAGES.channel })
  channel: string;

  @ApiProperty({ minimum: DURATION_MIN, maximum: DURATION_MAX })
  @IsInt({ message: `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}` })
  @Min(DURATION_MIN, { message: `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}` })
  @Max(DURATION_MAX, { message: `duration_min must be whole minutes from ${DURATION_MIN} to ${DURATION_MAX}` })
  duration_min: number;

  @ApiProperty({ type: [String], enum: CODES.themes, example: ['career_change', 'health'], description: 'An array of codes or a `;`-separated string' })
  @Transform(({ value }) => (typeof value === 'string' || Array.isArray(value) ? splitThemes(value) : value))
  @IsArray({ message: CODE_MESSAGES.themes })
  @ArrayMinSize(1, { message: 'themes must name at least one theme code' })
  @ArrayMaxSize(CODES.themes.length, { message: CODE_MESSAGES.themes })
  @IsIn(CODES.themes, { each: true, message: CODE_MESSAGES.themes })
  themes: string[];

  @ApiProperty({ required: false, nullable: true, minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt({ message: 'satisfaction must be a whole number from 1 to 5' })
  @Min(1, { message: 'satisfaction must be a whole number from 1 to 5' })
  @Max(5, { message: 'satisfaction must be a whole number from 1 to 5' })
  satisfaction?: number | null;

  @ApiProperty({ required: false, nullable: true, maxLength: MEMO_MAX, description: 'Counsellor memo: never exported, aggregated or shown to managers' })
  @Transform(emptyAsMissing)
  @IsOptional()
  @IsString({ message: 'memo must be text' })
  @MaxLength(MEMO_MAX, { message: `memo must be at most ${MEMO_MAX} characters` })
  memo?: string | null;
}

export function toConsultationInput(dto: RecordConsultationDto): ConsultationInput {
  return {
    heldOn: dto.held_on,
    clientRef: dto.client_ref,
    employerKey: dto.employer_key ?? null,
    industry: dto.industry,
    sizeBand: dto.size_band ?? null,
    ageBand: dto.age_band,
    employmentType: dto.employment_type,
    tenureBand: dto.tenure_band,
    channel: dto.channel,
    durationMin: dto.duration_min,
    themes: dto.themes,
    satisfaction: dto.satisfaction ?? null,
    memo: dto.memo ?? null,
  };
}

export class ListConsultationsQuery {
  @ApiProperty({ required: false, example: '2026-04-01', description: 'First session date, inclusive' })
  @IsOptional()
  @Validate(CalendarDate)
  from?: string;

  @ApiProperty({ required: false, example: '2027-03-31', description: 'Last session date, inclusive' })
  @IsOptional()
  @Validate(CalendarDate)
  to?: string;

  @ApiProperty({ required: false, default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit: number = 50;

  @ApiProperty({ required: false, default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number, 0 or more' })
  @Min(0, { message: 'offset must be a whole number, 0 or more' })
  @Max(10_000_000, { message: 'offset must be at most 10000000' })
  offset: number = 0;
}

export class ExportConsultationsQuery {
  @ApiProperty({ required: false, example: '2026-04-01' })
  @IsOptional()
  @Validate(CalendarDate)
  from?: string;

  @ApiProperty({ required: false, example: '2027-03-31' })
  @IsOptional()
  @Validate(CalendarDate)
  to?: string;
}

export class ImportConsultationsQuery {
  @ApiProperty({ required: false, enum: ['true', 'false'], description: 'The rows that repeat stored consultations are new ones: import them' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'confirm_new must be true or false' })
  confirm_new?: string;
}
