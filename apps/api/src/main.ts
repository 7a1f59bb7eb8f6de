import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { useContainer } from 'class-validator';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';
import { createHttpValidationPipe, validatorContainer } from './app/platform/validation/validation';
import { SocketIoAdapter } from './app/platform/realtime/socket-io.adapter';
import { findWebApp, webAppMiddleware } from './app/platform/web/spa.middleware';
import { AppConfig, validateEnv } from './app/platform/config/env.validation';

/** SIGTERM/SIGINT end the process cleanly well inside this, or it exits 1. */
const SHUTDOWN_DEADLINE_MS = 4500;

/** Strict CSP for the web app and Swagger UI: no inline scripts or handlers; inline styles allowed (Angular). */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = validateEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, forceCloseConnections: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const corsOrigins = config.CORS_ORIGIN.split(',').map((origin) => origin.trim()).filter(Boolean);
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  app.enableCors({ origin: corsOrigins, credentials: true });
  app.useGlobalPipes(createHttpValidationPipe());
  app.useWebSocketAdapter(new SocketIoAdapter(app, corsOrigins));
  // Constraint classes that need Nest's DI come from the app; class-validator makes the rest itself.
  useContainer(validatorContainer(app));

  const openApi = new DocumentBuilder()
    .setTitle('moodlobby admin API')
    .setDescription('The experiment readout and user list behind /admin. Every route needs the admin bearer token.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/json' });

  // Beside the bundle (dist/apps/api → dist/apps/web, or /app/api → /app/web in the image), or from the repo root.
  const webRoot = findWebApp([join(__dirname, '../web/browser'), resolve('dist/apps/web/browser')]);
  if (webRoot) app.use(...webAppMiddleware(webRoot));
  else logger.warn('The web app is not built (nx build web); serving the API only', 'Bootstrap');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(app, logger, signal));
  }
  await app.listen(config.PORT);
  logger.log(`moodlobby listening on http://localhost:${config.PORT}${webRoot ? ` (web app from ${webRoot})` : ''}`, 'Bootstrap');
}

/** Graceful stop (see ShutdownService), then exit 0; exit 1 if it cannot finish in time. */
async function shutdown(app: NestExpressApplication, logger: Logger, signal: NodeJS.Signals): Promise<void> {
  setTimeout(() => {
    logger.error(`${signal}: shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting`, 'Shutdown');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  logger.log(`${signal}: stopping`, 'Shutdown');
  try {
    await app.close();
    process.exit(0);
  } catch (error) {
    logger.error(`${signal}: shutdown failed: ${String(error)}`, 'Shutdown');
    process.exit(1);
  }
}

void bootstrap();
