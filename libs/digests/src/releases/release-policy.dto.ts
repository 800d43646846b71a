import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { DISCLOSURE_MODES, type DisclosureMode, DP_DEFAULTS } from '@hokenshitsu/disclosure';
import { IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class ReleasePolicyDto {
  @ApiProperty({ required: false, default: 5, minimum: 2, maximum: 100, description: 'minimum distinct clients in a published non-zero cell' })
  @IsOptional()
  @IsInt({ message: 'policy.k must be a whole number' })
  @Min(2, { message: 'policy.k must be at least 2' })
  @Max(100)
  k?: number;

  @ApiProperty({ required: false, default: 3, minimum: 1, maximum: 100, description: 'minimum distinct employers in a published non-zero employer-table cell' })
  @IsOptional()
  @IsInt({ message: 'policy.min_employers must be a whole number' })
  @Min(1)
  @Max(100)
  min_employers?: number;

  @ApiProperty({ required: false, default: 0.6, minimum: 0.05, maximum: 1, description: 'largest share of a cell one employer may hold' })
  @IsOptional()
  @IsNumber({}, { message: 'policy.max_employer_share must be a number' })
  @Min(0.05)
  @Max(1)
  max_employer_share?: number;

  @ApiProperty({ required: false, default: 2, minimum: 1, maximum: 10, description: 'a theme everyone in a scope raised is published only if the scope has attribute_factor × k clients' })
  @IsOptional()
  @IsNumber({}, { message: 'policy.attribute_factor must be a number' })
  @Min(1)
  @Max(10)
  attribute_factor?: number;

  @ApiProperty({
    required: false,
    enum: DISCLOSURE_MODES,
    default: 'k_anonymity',
    description: 'k_anonymity: true counts with suppression and the interval-attack audit. differential_privacy (optional): every cell with keyed discrete Laplace noise',
  })
  @IsOptional()
  @IsIn(DISCLOSURE_MODES, { message: `policy.mode must be one of ${DISCLOSURE_MODES.join(', ')}` })
  mode?: DisclosureMode;

  @ApiProperty({ required: false, default: DP_DEFAULTS.epsilon, minimum: 0.01, maximum: 10, description: 'differential_privacy: privacy loss of this release (smaller means more noise)' })
  @IsOptional()
  @IsNumber({}, { message: 'policy.epsilon must be a number' })
  @Min(0.01, { message: 'policy.epsilon must be at least 0.01' })
  @Max(10, { message: 'policy.epsilon must be at most 10' })
  epsilon?: number;

  @ApiProperty({ required: false, default: DP_DEFAULTS.max_themes, minimum: 1, maximum: 15, description: 'differential_privacy: themes counted per client at most' })
  @IsOptional()
  @IsInt({ message: 'policy.max_themes must be a whole number' })
  @Min(1, { message: 'policy.max_themes must be at least 1' })
  @Max(15, { message: 'policy.max_themes must be at most 15' })
  max_themes?: number;

  @ApiProperty({ required: false, default: DP_DEFAULTS.max_channels, minimum: 1, maximum: 5, description: 'differential_privacy: channels counted per client at most' })
  @IsOptional()
  @IsInt({ message: 'policy.max_channels must be a whole number' })
  @Min(1, { message: 'policy.max_channels must be at least 1' })
  @Max(5, { message: 'policy.max_channels must be at most 5' })
  max_channels?: number;
}

export class CreateReleaseDto {
  @ApiProperty({ example: '2026年度 第1四半期' })
  @IsString()
  @MinLength(1, { message: 'label is required' })
  @MaxLength(200)
  label: string;

  @ApiProperty({ example: '2026-04-01', format: 'date' })
  @IsDateString({ strict: true }, { message: 'period_start must be a date (YYYY-MM-DD)' })
  period_start: string;

  @ApiProperty({ example: '2026-06-30', format: 'date' })
  @IsDateString({ strict: true }, { message: 'period_end must be a date (YYYY-MM-DD)' })
  period_end: string;

  @ApiProperty({ required: false, type: ReleasePolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReleasePolicyDto)
  policy?: ReleasePolicyDto;

  @ApiProperty({ required: false, format: 'uuid', description: 'the published release this one corrects' })
  @IsOptional()
  @IsUUID('all', { message: 'corrects must be a release id' })
  corrects?: string;
}

export class DigestQuery {
  @ApiProperty({ required: false, example: 'E', description: 'JSIC division code (default: the manager\'s own company)' })
  @IsOptional()
  @IsString()
  industry?: string;

  @ApiProperty({ required: false, example: '20-99', description: 'size class (default: the manager\'s own company)' })
  @IsOptional()
  @IsString()
  size_class?: string;
}
