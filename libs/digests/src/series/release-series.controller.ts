import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { NextCostService } from './next-cost.service.js';
import { ReleaseSeriesQuery } from './release-series.dto.js';
import { NextCostResponse, ReleaseSeriesResponse, toNextCostAccepted, toNextCostResponse, toReleaseSeriesResponse } from './release-series.response.js';
import { ReleaseSeriesService } from './release-series.service.js';

/** The release series and what a draft would cost its fiscal year: staff only (they count large cells). */
@ApiTags('releases')
@StaffOnly()
@Controller('api/v1')
export class ReleaseSeriesController {
  constructor(
    private readonly series: ReleaseSeriesService,
    private readonly nextCosts: NextCostService,
  ) {}

  @Get('release-series')
  @ApiOp('A fiscal year\'s k-anonymity releases by period, with what each keeps of its cells of 3k or more clients', [400])
  @ApiOkResponse({ type: ReleaseSeriesResponse })
  async list(@Query() query: ReleaseSeriesQuery): Promise<ReleaseSeriesResponse> {
    return toReleaseSeriesResponse(await this.series.series(query.fiscal_year));
  }

  @Post('releases/:id/next-cost')
  @HttpCode(202)
  @ApiOp('Compute, in the worker, what publishing this draft would cost its fiscal year\'s release; the same request answers the same computation', [404, 409, 503])
  @ApiAcceptedResponse({ description: '{id, status, progress}' })
  async request(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return toNextCostAccepted(await this.nextCosts.request(user, id));
  }

  @Get('releases/:id/next-cost')
  @ApiOp('What publishing this draft would cost its fiscal year\'s release, for the releases published now', [404])
  @ApiOkResponse({ type: NextCostResponse })
  async get(@Param('id') id: string): Promise<NextCostResponse> {
    return toNextCostResponse(await this.nextCosts.current(id));
  }
}
