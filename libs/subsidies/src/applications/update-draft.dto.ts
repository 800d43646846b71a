import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { ApplicationPlanDto } from './application-plan.dto.js';

/** `PATCH /api/v1/subsidy-applications/:id`: the draft (or a returned application) saved as she types. */
export class UpdateDraftDto extends ApplicationPlanDto {
  @ApiPropertyOptional({ description: 'the revision the form was loaded at: a stale save is refused (409), never merged' })
  @IsOptional()
  @IsInt({ message: 'revision must be a whole number' })
  @Min(1, { message: 'revision must be at least 1' })
  revision?: number;
}
