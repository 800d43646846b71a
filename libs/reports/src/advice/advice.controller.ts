import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { AdviceService } from './advice.service.js';
import { AdviceResponse, toAdviceResponse } from './advice.response.js';
import { SaveAdviceDto } from './save-advice.dto.js';

@ApiTags('reports')
@Controller('api/v1/report-advice')
@StaffOnly()
export class AdviceController {
  constructor(private readonly advice: AdviceService) {}

  @Get()
  @ApiOp('The current advice for employers, per theme (what new reports use)')
  @ApiOkResponse({ type: AdviceResponse })
  async current(): Promise<AdviceResponse> {
    return toAdviceResponse(await this.advice.current());
  }

  @Get(':version')
  @ApiOp('One saved version of the advice (reports name the version they used)', [400, 404])
  @ApiOkResponse({ type: AdviceResponse })
  async version(@Param('version', ParseIntPipe) version: number): Promise<AdviceResponse> {
    return toAdviceResponse(await this.advice.get(version));
  }

  @Post()
  @HttpCode(201)
  @ApiOp('Save a new version of the advice; refused when another was saved since yours was opened', [400, 409, 415])
  @ApiCreatedResponse({ type: AdviceResponse })
  async save(@CurrentUser() user: AuthenticatedUser, @Body() dto: SaveAdviceDto): Promise<AdviceResponse> {
    return toAdviceResponse(await this.advice.save(user, dto.version, dto.entries));
  }
}
