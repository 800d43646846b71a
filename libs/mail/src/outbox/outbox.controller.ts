import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@hokenshitsu/core';
import { StaffOnly } from '@hokenshitsu/identity';
import { ListOutboxQuery } from './list-outbox.dto.js';
import { OutboxMailResponse, OutboxPageResponse, toOutboxMailResponse, toOutboxPageResponse } from './outbox.response.js';
import { OutboxService } from './outbox.service.js';

/** The staff's view of the email outbox: what was sent, what waits, what failed. */
@ApiTags('outbox')
@StaffOnly()
@Controller('api/v1/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOp('Mails of the outbox, newest first, with the count per status', [400])
  @ApiOkResponse({ type: OutboxPageResponse })
  async list(@Query() query: ListOutboxQuery): Promise<OutboxPageResponse> {
    return toOutboxPageResponse(await this.outbox.list({ status: query.status, limit: query.limit, offset: query.offset }));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOp('Send a failed (or held) mail again: back to pending with its attempts renewed', [404, 409])
  @ApiOkResponse({ type: OutboxMailResponse })
  async retry(@Param('id') id: string): Promise<OutboxMailResponse> {
    return toOutboxMailResponse(await this.outbox.retry(id));
  }
}
