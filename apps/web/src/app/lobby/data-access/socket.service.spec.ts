import { TestBed } from '@angular/core/testing';
import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { createServer, Server as HttpServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { filter, take } from 'rxjs/operators';
import { Server, Socket as ServerSocket } from 'socket.io';
import { ConnectionStatus, SOCKET_URL, SocketService } from './socket.service';

/** The real Socket.IO client against a real Socket.IO server on a free port. */
describe('SocketService', () => {
  let http: HttpServer;
  let server: Server;
  let service: SocketService;
  let received: { event: string; args: unknown[] }[];

  function status(wanted: ConnectionStatus): Promise<ConnectionStatus> {
    return firstValueFrom(service.status$.pipe(filter((s) => s === wanted), take(1)));
  }

  async function serverSocket(): Promise<ServerSocket> {
    await status('connected');
    const [socket] = await server.fetchSockets();
    return socket as unknown as ServerSocket;
  }

  beforeEach(async () => {
    received = [];
    http = createServer();
    server = new Server(http, { cors: { origin: '*' } });
    server.on('connection', (socket) => {
      socket.onAny((event: string, ...args: unknown[]) => {
        received.push({ event, args });
        const ack = args.at(-1);
        if (typeof ack === 'function' && event === ClientEvent.MessageSend) {
          ack({ ok: false, error: 'rate_limited', retryAfterMs: 1234 });
        }
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    TestBed.configureTestingModule({ providers: [{ provide: SOCKET_URL, useValue: `http://127.0.0.1:${port}` }] });
    service = TestBed.inject(SocketService);
  });

  afterEach(async () => {
    TestBed.resetTestingModule(); // destroys the service, which closes its socket
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports connecting, then connected, and delivers typed events both ways', async () => {
    const seen: ConnectionStatus[] = [];
    service.status$.subscribe((s) => seen.push(s));
    const presence = firstValueFrom(service.on(ServerEvent.PresenceUpdate));

    service.connect();
    const socket = await serverSocket();
    socket.emit(ServerEvent.PresenceUpdate, { users: [{ id: 'u1', nickname: 'Ada' }] });

    expect(await presence).toEqual({ users: [{ id: 'u1', nickname: 'Ada' }] });
    expect(seen).toEqual(['connecting', 'connected']);

    expect(service.emit(ClientEvent.SessionStart, { nickname: 'Ada' })).toBe(true);
    const ack = await service.emitWithAck(ClientEvent.MessageSend, { text: 'hi', clientMessageId: 'c-1' }, 2000);
    expect(ack).toEqual({ ok: false, error: 'rate_limited', retryAfterMs: 1234 });
    expect(received.map((r) => r.event)).toEqual([ClientEvent.SessionStart, ClientEvent.MessageSend]);
  });

  it('after the server closes the socket: reconnecting, sends nothing meanwhile, then connects again', async () => {
    service.connect();
    const socket = await serverSocket();

    socket.disconnect(true);
    await status('reconnecting');
    expect(service.emit(ClientEvent.MessageSend, { text: 'while away' })).toBe(false);
    await expect(service.emitWithAck(ClientEvent.MessageSend, { text: 'while away' }, 500)).rejects.toThrow();

    await status('connected');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]); // nothing buffered and flushed on reconnect
  });
});
