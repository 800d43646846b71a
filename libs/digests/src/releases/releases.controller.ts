import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { DigestService } from '../digest/digest.service.js';
import { CreateReleaseDto, DigestQuery } from './release-policy.dto.js';
import { CellResponse, ReleaseResponse, toCellResponse, toReleaseResponse } from './release.response.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('releases')
@Controller('api/v1/releases')
export class ReleasesController {
  constructor(
    private readonly releases: ReleasesService,
    private readonly digests: DigestService,
  ) {}

  @Post()
  @StaffOnly()
  @ApiOp('Build a draft release for a period: SQL aggregates, suppression, audit', [400, 415, 422])
  @ApiCreatedResponse({ type: ReleaseResponse })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateReleaseDto): Promise<ReleaseResponse> {
    const { release } = await this.releases.create(user, {
      label: dto.label,
      periodStart: dto.period_start,
      periodEnd: dto.period_end,
      policy: dto.policy,
      corrects: dto.corrects,
    });
    return toReleaseResponse(release);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @StaffOnly()
  @ApiOp('Publish a draft (immutable afterwards); refused when its audit fails', [404, 409, 422])
  @ApiOkResponse({ type: ReleaseResponse })
  async publish(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ReleaseResponse> {
    return toReleaseResponse(await this.releases.publish(user, id));
  }

  @Get()
  @ApiOp('Releases: published ones for everyone signed in, drafts too for staff')
  @ApiOkResponse({ type: [ReleaseResponse] })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<ReleaseResponse[]> {
    return (await this.releases.list(user)).map(toReleaseResponse);
  }

  @Get(':id')
  @ApiOp('One release with its policy, audit and information loss', [404])
  @ApiOkResponse({ type: ReleaseResponse })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ReleaseResponse> {
    return toReleaseResponse(await this.releases.get(user, id));
  }

  @Get(':id/cells')
  @ApiOp('Every cell of every table: zeros as 0, suppressed cells as null', [404])
  @ApiOkResponse({ type: [CellResponse] })
  async cells(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<CellResponse[]> {
    return (await this.releases.cells(user, id)).map(toCellResponse);
  }

  @Get(':id/digest')
  @ApiOp('The digest for an industry and size class, from the most specific publishable scope', [400, 404, 422])
  @ApiOkResponse({ description: 'scope, clients, top themes with shares, city-wide comparison' })
  digest(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query() query: DigestQuery) {
    return this.digests.digest(user, id, query.industry, query.size_class);
  }
}
