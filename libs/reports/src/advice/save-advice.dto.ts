import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';

export class AdviceEntryDto {
  @ApiProperty({ example: 'childcare_balance', description: 'theme code' })
  @IsString({ message: 'theme must be a theme code' })
  theme: string;

  @ApiProperty({ description: 'advice in Japanese (empty together with en: no advice for the theme)' })
  @IsString({ message: 'ja must be text' })
  ja: string;

  @ApiProperty({ description: 'advice in English' })
  @IsString({ message: 'en must be text' })
  en: string;
}

export class SaveAdviceDto {
  @ApiProperty({ description: 'the version these edits start from: refused (409) when a newer one was saved since' })
  @IsInt({ message: 'version must be the version you edited' })
  @Min(1, { message: 'version must be the version you edited' })
  version: number;

  @ApiProperty({ type: [AdviceEntryDto] })
  @IsArray({ message: 'entries must be a list' })
  @ArrayMaxSize(50, { message: 'entries must hold at most 50 themes' })
  @ValidateNested({ each: true })
  @Type(() => AdviceEntryDto)
  entries: AdviceEntryDto[];
}
