import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { APPLICATION_STATES, type ApplicationState } from './application-states.js';

export class ApplicationQueueQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES, { message: `state must be one of ${APPLICATION_STATES.join(', ')}` })
  state?: ApplicationState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'program_id must be a programme id (uuid)' })
  program_id?: string;

  @ApiPropertyOptional({ description: 'waiting at least this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'older_than_days must be whole days' })
  @Min(0, { message: 'older_than_days must be 0 or more' })
  @Max(3650, { message: 'older_than_days must be at most 3650' })
  older_than_days?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'approved with the results report past due' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be 0 or more' })
  offset?: number;
}
