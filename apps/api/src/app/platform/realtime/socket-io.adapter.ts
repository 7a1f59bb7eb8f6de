import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_SOCKET_FRAME_BYTES, MAX_SOCKET_TRANSPORT_BYTES } from '@moodlobby/shared';
import { RedisService } from '../redis/redis.service';
import { gateClientPackets } from './packet-gate';

/**
 * Socket.IO with the lobby's CORS origins, a bounded frame size and the packet gate in front of
 * every handler (oversized and unknown events answered); with REDIS_URL, the Redis
 * adapter, so a broadcast from any API process reaches the clients of all of them.
 */
export class SocketIoAdapter extends IoAdapter {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.corsOrigins, credentials: true },
      maxHttpBufferSize: MAX_SOCKET_TRANSPORT_BYTES,
    });
    // Registered before Nest's own connection handlers, so the gate is in place before any event.
    server.on('connection', (socket) => gateClientPackets(socket, MAX_SOCKET_FRAME_BYTES));
    const redis = this.app.get(RedisService);
    if (redis.enabled) server.adapter(createAdapter(redis.connect('socket.io-pub'), redis.connect('socket.io-sub')));
    return server;
  }
}
