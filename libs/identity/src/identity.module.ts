import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@hokenshitsu/core';
import { MaintenanceProducer } from './jobs/maintenance.producer.js';
import { MAINTENANCE_QUEUE } from './jobs/maintenance.queue.js';
import { LoginThrottleService } from './login-throttle/login-throttle.service.js';
import { Session } from './sessions/session.entity.js';
import { SessionsService } from './sessions/sessions.service.js';
import { User } from './users/user.entity.js';
import { UsersService } from './users/users.service.js';

/**
 * Users, sessions and identity's producer, without HTTP or processors: what every process needs
 * (the api, the worker and the CLI; the process provides QueueModule.forRoot).
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, Session]), QueueModule.forDomain(MAINTENANCE_QUEUE)],
  providers: [UsersService, SessionsService, LoginThrottleService, MaintenanceProducer],
  exports: [UsersService, SessionsService, LoginThrottleService, MaintenanceProducer],
})
export class IdentityModule {}
