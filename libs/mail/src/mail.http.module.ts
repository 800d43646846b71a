import { Module } from '@nestjs/common';
import { WebModule } from '@hokenshitsu/web';
import { MailModule } from './mail.module.js';
import { OutboxController } from './outbox/outbox.controller.js';
import { OutboxPageController } from './pages/outbox.page.controller.js';

/** The HTTP side of mail: the staff's outbox API and page; only the api mounts it. */
@Module({
  imports: [MailModule, WebModule],
  controllers: [OutboxController, OutboxPageController],
})
export class MailHttpModule {}
