import { Module } from '@nestjs/common';
import { ReferenceService } from './reference.service.js';

/** The code lists (industries, size bands, themes …) with their ja/en labels. */
@Module({ providers: [ReferenceService], exports: [ReferenceService] })
export class ReferenceModule {}
