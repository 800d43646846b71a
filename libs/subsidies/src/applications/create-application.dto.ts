import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApplicationPlanDto } from './application-plan.dto.js';

/** `POST /api/v1/subsidy-applications`: a draft for a programme, with as much of the plan as she has. */
export class CreateApplicationDto extends ApplicationPlanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'program_id must be a programme id (uuid)' })
  program_id: string;
}
