import { Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Server } from 'socket.io';
import { ClientEvent, ServerEvent, SessionRenameAck, SessionStartAck } from '@moodlobby/shared';
import { SocketPayloadPipe } from '../platform/validation/socket-payload.pipe';
import { WsErrorFilter } from '../platform/realtime/ws-error.filter';
import { RealtimeService } from '../platform/realtime/realtime.service';
import type { LobbySocket } from '../platform/realtime/socket-session';
import { SessionRenameDto } from './dto/session-rename.dto';
import { SessionStartDto } from './dto/session-start.dto';
import { LobbyService } from './lobby.service';

@WebSocketGateway()
@UseFilters(WsErrorFilter)
export class LobbyGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(LobbyGateway.name);

  constructor(
    private readonly lobby: LobbyService,
    private readonly realtime: RealtimeService,
  ) {}

  afterInit(server: Server): void {
    this.realtime.attach(server);
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

  @SubscribeMessage(ClientEvent.SessionRename)
  async rename(
    @ConnectedSocket() socket: LobbySocket,
    @MessageBody(SocketPayloadPipe) dto: SessionRenameDto,
  ): Promise<SessionRenameAck> {
    return { ok: true, user: await this.lobby.rename(socket, dto) };
  }
}
