import { Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { ClientEvent, ServerEvent, SessionStartAck } from '@moodlobby/shared';
import { SocketPayloadPipe } from '../common/socket-payload.pipe';
import { WsErrorFilter } from '../common/ws-error.filter';
import { RealtimeService } from '../realtime/realtime.service';
import type { LobbySocket } from '../realtime/socket-session';
import { SessionStartDto } from './dto/session-start.dto';
import { LobbyService } from './lobby.service';

const CLIENT_EVENTS = new Set<string>(Object.values(ClientEvent));

@WebSocketGateway()
@UseFilters(WsErrorFilter)
export class LobbyGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LobbyGateway.name);

  constructor(
    private readonly lobby: LobbyService,
    private readonly realtime: RealtimeService,
  ) {}

  afterInit(server: Server): void {
    this.realtime.attach(server);
  }

  handleConnection(socket: LobbySocket): void {
    socket.onAny((event: string, ...args: unknown[]) => answerUnknownEvent(socket, event, args));
  }

  async handleDisconnect(socket: LobbySocket): Promise<void> {
    try {
      await this.lobby.leave(socket);
    } catch (error) {
      this.logger.error({ socketId: socket.id, userId: socket.data.session?.userId, err: error }, 'closing the session failed');
    }
  }

  @SubscribeMessage(ClientEvent.SessionStart)
  async start(
    @ConnectedSocket() socket: LobbySocket,
    @MessageBody(SocketPayloadPipe) dto: SessionStartDto,
  ): Promise<SessionStartAck> {
    const ack = await this.lobby.start(socket, dto);
    socket.emit(ServerEvent.SessionAck, ack);
    return { ok: true, ...ack };
  }
}

/** Events nobody handles still get an answer, so a client never waits on silence. */
function answerUnknownEvent(socket: LobbySocket, event: unknown, args: unknown[]): void {
  if (typeof event === 'string' && CLIENT_EVENTS.has(event)) return;
  const name = typeof event === 'string' ? event.slice(0, 64) : typeof event;
  const errors = [`unknown event "${name}"`];
  socket.emit(ServerEvent.InvalidPayload, { event: name, errors });
  const ack = args[args.length - 1];
  if (typeof ack === 'function') ack({ ok: false, error: 'invalid_payload', errors });
}
