import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { Public } from '@hokenshitsu/identity';
import { REFERENCE_LIST_NAMES } from './reference-codes.js';
import { ReferenceService, type ReferenceRow } from './reference.service.js';

@ApiTags('reference')
@Controller('api/v1/reference')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get(':list')
  @Public()
  @ApiParam({ name: 'list', enum: REFERENCE_LIST_NAMES })
  @ApiOp('A code list with Japanese and English labels', [404], { public: true })
  @ApiOkResponse({ description: 'Array of {code, ja, en, ...}' })
  list(@Param('list') list: string): Promise<ReferenceRow[]> {
    return this.reference.list(list);
  }
}
