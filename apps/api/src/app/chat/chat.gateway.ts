import { UseFilters } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { ClientEvent, HistoryBeforeAck, MessageSendAck } from '@moodlobby/shared';
import { SocketPayloadPipe } from '../platform/validation/socket-payload.pipe';
import { WsErrorFilter } from '../platform/realtime/ws-error.filter';
import { SessionRequiredException } from '../platform/realtime/ws-exceptions';
import type { LobbySocket } from '../platform/realtime/socket-session';
import { HistoryBeforeDto } from './dto/history-before.dto';
import { MessageSendDto } from './dto/message-send.dto';
import { ChatService } from './chat.service';

@WebSocketGateway()
@UseFilters(WsErrorFilter)
export class ChatGateway {
  constructor(private readonly chat: ChatService) {}

  @SubscribeMessage(ClientEvent.MessageSend)
  async send(
    @ConnectedSocket() socket: LobbySocket,
    @MessageBody(SocketPayloadPipe) dto: MessageSendDto,
  ): Promise<MessageSendAck> {
    const session = socket.data.session;
    if (!session) throw new SessionRequiredException();
    return { ok: true, message: await this.chat.send(session, dto) };
  }

  @SubscribeMessage(ClientEvent.HistoryBefore)
  async historyBefore(
    @ConnectedSocket() socket: LobbySocket,
    @MessageBody(SocketPayloadPipe) dto: HistoryBeforeDto,
  ): Promise<HistoryBeforeAck> {
    if (!socket.data.session) throw new SessionRequiredException();
    return { ok: true, ...(await this.chat.historyBefore(dto)) };
  }
}
