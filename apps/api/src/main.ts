import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useContainer } from 'class-validator';
import { AppModule } from './app/app.module';
import { createHttpValidationPipe } from './app/common/validation';
import { SocketIoAdapter } from './app/realtime/socket-io.adapter';
import { findWebApp, webAppMiddleware } from './app/web/spa.middleware';
import { validateEnv } from './config/env.validation';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = validateEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const logger = new Logger('Bootstrap');
  const app = await NestFactory.create<NestExpressApplication>(AppModule);
  const corsOrigins = config.CORS_ORIGIN.split(',').map((origin) => origin.trim()).filter(Boolean);
  app.enableCors({ origin: corsOrigins, credentials: true });
  app.useGlobalPipes(createHttpValidationPipe());
  app.useWebSocketAdapter(new SocketIoAdapter(app, corsOrigins));
  useContainer(app.select(AppModule), { fallbackOnErrors: true });
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('moodlobby admin API')
    .setDescription('The experiment readout and user list behind /admin. Every route needs the admin bearer token.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/json' });

  const webRoot = findWebApp([process.env['WEB_DIST_DIR'] ?? '', join(__dirname, '../web/browser'), resolve('dist/apps/web/browser')]);
  if (webRoot) app.use(...webAppMiddleware(webRoot));
  else logger.warn('The web app is not built (nx build web); serving the API only');

  await app.listen(config.PORT);
  logger.log(`moodlobby listening on http://localhost:${config.PORT}${webRoot ? ` (web app from ${webRoot})` : ''}`);
}

void bootstrap();
