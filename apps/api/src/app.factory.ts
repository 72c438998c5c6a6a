import { MikroORM } from '@mikro-orm/postgresql';
import { Logger as NestLogger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './common/config/app-config';
import type { DatabaseTarget } from './common/database/database-target';
import { sendError } from './common/errors/http-exception.filter';
import { requestContext } from './common/http/request-context';

export const API_PREFIX = 'api/v1';

/** Builds the whole HTTP application; used by `main.ts` and by the HTTP tests alike. */
export async function createApp(
  config: AppConfig,
  database: Pick<DatabaseTarget, 'url' | 'mode'>,
): Promise<NestExpressApplication> {
  const logger = pino({ level: config.logLevel });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, database, logger),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestContext(app.get(MikroORM), logger));

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only where the platform is really served over TLS.
      strictTransportSecurity: config.publicUrl.startsWith('https://'),
    }),
  );
  app.use(cookieParser());
  app.use('/api', express.json({ limit: config.bodyLimit, strict: true }));
  // Malformed or oversized bodies fail before Nest routes them: answer in the same error shape.
  const bodyLogger = new NestLogger('Errors');
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) =>
    sendError(error, request, response, bodyLogger),
  );

  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'api/health', method: RequestMethod.GET }] });

  const openApi = new DocumentBuilder()
    .setTitle('Jingsai API')
    .setDescription('竞赛 — labour and skills competitions. All shapes come from libs/contracts.')
    .setVersion('1')
    .addCookieAuth('jingsai_session')
    .build();
  SwaggerModule.setup('api/docs', app, () =>
    cleanupOpenApiDoc(SwaggerModule.createDocument(app, openApi)),
  );

  serveWebApp(app, config.webRoot);
  return app;
}

/** The built Svelte app at `/`, with every non-API GET falling back to index.html. */
function serveWebApp(app: NestExpressApplication, webRoot: string): void {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(webRoot, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.path.startsWith('/api') &&
      !request.path.startsWith('/socket.io');
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}
