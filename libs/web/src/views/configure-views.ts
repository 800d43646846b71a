import type { NestExpressApplication } from '@nestjs/platform-express';

/** API routes that take files (text/csv or multipart) besides JSON. */
export const FILE_ROUTES: RegExp[] = [/^\/api\/v1\/consultations\/import$/];

export function configureViews(_app: NestExpressApplication): void {}
