import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller.js';
import { ReferenceModule } from './reference.module.js';

/** The code lists over HTTP (GET /api/v1/reference/…); only the api mounts it. */
@Module({ imports: [ReferenceModule], controllers: [ReferenceController] })
export class ReferenceHttpModule {}
