import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/env.validation';

/**
 * Structured JSON logs (pino): one line per event, with the request id and route on HTTP logs;
 * socket handlers add `socketId`, `userId` and `event` themselves. The Authorization header is
 * never written.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: {
          level: config.getOrThrow('LOG_LEVEL'),
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && given.length > 0 ? given.slice(0, 64) : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
          // Only API calls are worth a line each; health probes and static files are noise.
          autoLogging: { ignore: (req) => !/^\/(admin|api)\//.test(req.url ?? '') },
          customProps: () => ({ service: 'moodlobby-api' }),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
