import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { QueueModule } from '@hokenshitsu/core';
import { RELEASES_QUEUE } from '@hokenshitsu/digests';
import { IdentityModule, MAINTENANCE_QUEUE, SessionsService, staffOnlyMiddleware } from '@hokenshitsu/identity';
import { MAIL_QUEUE } from '@hokenshitsu/mail';
import { REPORTS_QUEUE } from '@hokenshitsu/reports';
import { SUBSIDIES_QUEUE } from '@hokenshitsu/subsidies';

/** Where operators look at the queues: Bull Board, for city staff and admins only. */
export const QUEUE_BOARD_ROUTE = '/admin/queues';

const QUEUES = [REPORTS_QUEUE, SUBSIDIES_QUEUE, RELEASES_QUEUE, MAIL_QUEUE, MAINTENANCE_QUEUE];

/**
 * Bull Board over every queue of the portal, mounted the way @bull-board/nestjs's root module
 * mounts it (its Express router as Nest middleware on the route). That package is CommonJS and
 * requires @nestjs/common, which is ESM-only since Nest 12: Node 20.19 loads it, Jest on Node 20
 * cannot, so the end-to-end tests could not boot the api with it. The router is Express
 * middleware the global guard never sees: the staff check runs in front of it.
 */
/**
 * The board's React UI sets inline styles, which the portal's policy (`style-src 'self'`) blocks:
 * behind the staff check, and for this route only, inline styles are allowed. Scripts stay
 * same-origin only; the board's web font stays blocked (the portal runs without the internet).
 */
function boardContentSecurityPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'self'; object-src 'none'");
  next();
}

@Module({
  imports: [IdentityModule, ...QUEUES.map((q) => QueueModule.forDomain(q))],
})
export class QueueBoardModule implements NestModule {
  private readonly board = new ExpressAdapter();

  constructor(
    private readonly sessions: SessionsService,
    modules: ModuleRef,
  ) {
    this.board.setBasePath(QUEUE_BOARD_ROUTE);
    createBullBoard({
      queues: QUEUES.map((q) => new BullMQAdapter(modules.get<Queue>(getQueueToken(q.name), { strict: false }))),
      serverAdapter: this.board,
      options: { uiConfig: { boardTitle: 'hokenshitsu' } },
    });
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(staffOnlyMiddleware(this.sessions), boardContentSecurityPolicy, this.board.getRouter()).forRoutes(QUEUE_BOARD_ROUTE);
  }
}
