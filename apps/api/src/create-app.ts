import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import {
  apiWriteGuard, createLogger, markPublicOperations, createValidationPipe, noStoreForApi, PinoNestLogger, refuseHostileInput,
  refusePrototypeFormKeys, type AppConfig,
} from '@hokenshitsu/core';
import { configureViews, FILE_ROUTES } from '@hokenshitsu/web';
import { SESSION_COOKIE } from '@hokenshitsu/identity';
import { ApiModule } from './app.module.js';

/** Builds the configured HTTP application; main.ts and the end-to-end tests both use it. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.set('trust proxy', 'loopback'); // behind a local reverse proxy the client address comes from X-Forwarded-For
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'"],
          scriptSrc: ["'self'"],
          formAction: ["'self'"],
          // Only behind HTTPS: on a plain-http intranet host it would break every page load.
          upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
        },
      },
    }),
  );
  app.use(noStoreForApi());
  app.use(apiWriteGuard({ publicUrl: config.publicUrl, fileRoutes: FILE_ROUTES }));
  // 1 MB bodies at most (413 beyond); file routes (CSV import) stream their own bodies.
  app.use(express.json({ limit: '1mb', type: 'application/json' }));
  app.use(express.urlencoded({ limit: '1mb', extended: false, verify: refusePrototypeFormKeys }));
  // NUL, unpaired surrogates, prototype keys and deep nesting in any body or query: 400 before any route.
  app.use(refuseHostileInput());
  app.useGlobalPipes(createValidationPipe());
  configureViews(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hokenshitsu API')
      .setDescription("Women's career health room portal: anonymous consultations, k-anonymous digests, Self-Career-Dock subsidy.")
      .setVersion('1.0')
      .addServer(config.publicUrl, 'This portal')
      .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
      .setLicense('Proprietary', config.publicUrl)
      .setContact('City of Asahikawa', config.publicUrl, 'career-health-room@city.example.jp')
      .build(),
  );
  markPublicOperations(document as never);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
  app.enableShutdownHooks();
  return app;
}
