import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, STAFF_ROLES, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { CreateProgramDto } from './create-program.dto.js';
import { LedgerResponse, ProgramResponse, toLedgerResponse, toProgramResponse } from './program.response.js';
import { SubsidyProgramsService } from './subsidy-programs.service.js';

@ApiTags('subsidies')
@Controller('api/v1/subsidy-programs')
export class SubsidyProgramsController {
  constructor(private readonly programs: SubsidyProgramsService) {}

  @Post()
  @StaffOnly()
  @ApiOp('Set up a fiscal year\'s Self-Career-Dock subsidy programme (one per fiscal year)', [400, 403, 409, 422])
  @ApiCreatedResponse({ type: ProgramResponse })
  async create(@CurrentUser() staff: AuthenticatedUser, @Body() dto: CreateProgramDto): Promise<ProgramResponse> {
    return toProgramResponse(await this.programs.create(staff, dto), true);
  }

  @Get()
  @ApiOp('Every programme, newest fiscal year first (anyone signed in: companies read the terms)')
  @ApiOkResponse({ type: [ProgramResponse] })
  async list(@CurrentUser() viewer: AuthenticatedUser): Promise<ProgramResponse[]> {
    return (await this.programs.list()).map((p) => toProgramResponse(p, STAFF_ROLES.includes(viewer.role)));
  }

  @Get(':id')
  @ApiOp('One programme with its terms and ledger', [404])
  @ApiOkResponse({ type: ProgramResponse })
  async get(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string): Promise<ProgramResponse> {
    return toProgramResponse(await this.programs.get(id), STAFF_ROLES.includes(viewer.role));
  }

  @Get(':id/ledger')
  @StaffOnly()
  @ApiOp('The budget ledger: budget, committed (approved, not yet confirmed), confirmed, paid, available', [403, 404])
  @ApiOkResponse({ type: LedgerResponse })
  async ledger(@Param('id') id: string): Promise<LedgerResponse> {
    return toLedgerResponse(await this.programs.ledger(id));
  }
}
