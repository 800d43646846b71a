import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiOp, REDIS } from '@hokenshitsu/core';
import { Public } from '@hokenshitsu/identity';

type Check = 'up' | 'down';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOp('Liveness and readiness: PostgreSQL and Redis reachable', [], { public: true })
  @ApiOkResponse({ description: '{status: "ok", checks: {database, redis}}' })
  @ApiResponse({ status: 503, description: 'A dependency is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<{ status: 'ok' | 'error'; checks: Record<string, Check> }> {
    const [database, redis] = await Promise.all([
      withTimeout(this.db.query('SELECT 1').then(() => 'up' as const)),
      withTimeout(this.redis.ping().then((p) => (p === 'PONG' ? ('up' as const) : ('down' as const)))),
    ]);
    const ok = database === 'up' && redis === 'up';
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'error', checks: { database, redis } };
  }
}

function withTimeout(check: Promise<Check>, ms = 2000): Promise<Check> {
  return Promise.race([check.catch(() => 'down' as const), new Promise<Check>((r) => setTimeout(() => r('down'), ms).unref())]);
}
