import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { MAX_SOCKET_FRAME_BYTES } from '@moodlobby/shared';

/** Socket.IO with the lobby's CORS origins and a bounded frame size. */
export class SocketIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: this.corsOrigins, credentials: true },
      maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    });
  }
}
