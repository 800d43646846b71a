import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const YEAR = 'fiscal_year must be a fiscal year such as 2025 (April 2025 to March 2026)';

/** `GET /api/v1/release-series?fiscal_year=2025`. */
export class ReleaseSeriesQuery {
  @ApiProperty({ example: 2025, description: 'Japanese fiscal year: 1 April of this year to 31 March of the next' })
  @Type(() => Number)
  @IsInt({ message: YEAR })
  @Min(2000, { message: YEAR })
  @Max(2099, { message: YEAR })
  fiscal_year: number;
}
