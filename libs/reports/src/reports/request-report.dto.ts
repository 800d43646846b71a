import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID } from 'class-validator';
import { REPORT_LOCALES, type ReportLocale } from '../content/report-input.js';

export class RequestReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'release_id must be a release id (uuid)' })
  release_id: string;

  @ApiProperty({ example: 'E', description: 'JSIC division code: the industry the report is for' })
  @IsString({ message: 'industry must be a JSIC division code' })
  industry: string;

  @ApiProperty({ example: '20-99', description: 'size class the report is for' })
  @IsString({ message: 'size_class must be a size class code' })
  size_class: string;

  @ApiProperty({ enum: REPORT_LOCALES })
  @IsIn(REPORT_LOCALES, { message: 'locale must be ja or en' })
  locale: ReportLocale;
}
