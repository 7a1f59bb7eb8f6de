import { DOCUMENT, DestroyRef, Injectable, InjectionToken, inject } from '@angular/core';
import {
  ClientEventName,
  ClientToServerEvents,
  ServerEvent,
  ServerEventName,
  ServerToClientEvents,
} from '@moodlobby/shared';
import { BehaviorSubject, Observable, distinctUntilChanged } from 'rxjs';
import { Socket, io } from 'socket.io-client';

/** What the user sees of the transport: the first connect, connected, lost and retrying, or offline. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventAck<E extends ClientEventName> = Parameters<
  NonNullable<Parameters<ClientToServerEvents[E]>[1]>
>[0];

export type LobbySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where the API lives; `undefined` (the default) means this page's own origin. */
export const SOCKET_URL = new InjectionToken<string | undefined>('SOCKET_URL', { factory: () => undefined });

/** How long to wait before reconnecting when the server closed the socket itself. */
const SERVER_CLOSE_RECONNECT_MS = 1000;
/** How long to wait before trying again when the server refused the connection outright. */
const REFUSED_RECONNECT_MS = 5000;

/**
 * The one Socket.IO connection of the app (same origin, path `/socket.io`).
 *
 * Nothing is ever emitted while disconnected: Socket.IO would buffer it and flush it on the next
 * connect *before* the session is started again, so callers get `false` / a rejection instead and
 * keep their own queue (see `OutboxStore`). Nothing connects until `connect()` is called: the
 * lobby opens it when it is shown (`openLobby`), so other pages (/admin) never do.
 */
@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly window = inject(DOCUMENT).defaultView;
  private readonly status = new BehaviorSubject<ConnectionStatus>('connecting');
  private readonly socket: LobbySocket = io(inject(SOCKET_URL), { path: '/socket.io', autoConnect: false });
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectHintMs = SERVER_CLOSE_RECONNECT_MS;

  /** Current transport state; emits on every change (a reconnect emits `connected` again). */
  readonly status$: Observable<ConnectionStatus> = this.status.pipe(distinctUntilChanged());

  constructor() {
    const socket = this.socket;
    socket.on('connect', () => this.status.next('connected'));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') {
        this.status.next('disconnected');
        return;
      }
      this.status.next(this.lostStatus());
      if (reason === 'io server disconnect') {
        // Socket.IO does not retry on its own after the server closed the socket (deploy, restart).
        this.scheduleReconnect(this.reconnectHintMs);
      }
    });
    socket.on('connect_error', () => {
      if (!socket.active) this.scheduleReconnect(REFUSED_RECONNECT_MS);
      if (this.status.value !== 'connecting') this.status.next(this.lostStatus());
    });
    socket.io.on('reconnect_attempt', () => this.status.next(this.lostStatus()));
    socket.io.on('reconnect_failed', () => this.status.next('disconnected'));
    socket.on(ServerEvent.ShuttingDown, ({ reconnectInMs }) => {
      this.reconnectHintMs = Math.max(reconnectInMs ?? 0, SERVER_CLOSE_RECONNECT_MS);
    });

    const onOffline = () => this.status.next('disconnected');
    const onOnline = () => {
      if (socket.connected) return;
      this.status.next('reconnecting');
      if (!socket.active) socket.connect();
    };
    this.window?.addEventListener('offline', onOffline);
    this.window?.addEventListener('online', onOnline);

    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.reconnectTimer);
      this.window?.removeEventListener('offline', onOffline);
      this.window?.removeEventListener('online', onOnline);
      socket.disconnect();
    });
  }

  /** Opens the connection (idempotent). Socket.IO reconnects by itself afterwards. */
  connect(): void {
    if (!this.socket.active) this.socket.connect();
  }

  /**
   * Closes the connection and opens a new one (signing out): the server sees this socket leave,
   * and the new one starts with no session.
   */
  reopen(): void {
    clearTimeout(this.reconnectTimer);
    this.socket.disconnect();
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** A typed stream of one server event. */
  on<E extends ServerEventName>(event: E): Observable<ServerEventPayload<E>> {
    return new Observable<ServerEventPayload<E>>((subscriber) => {
      const listener = (payload: ServerEventPayload<E>) => subscriber.next(payload);
      const untyped = this.socket as unknown as UntypedSocket;
      untyped.on(event, listener);
      return () => untyped.off(event, listener);
    });
  }

  /** Emits when connected; returns `false` (and sends nothing) otherwise. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): boolean {
    if (!this.socket.connected) return false;
    (this.socket as unknown as UntypedSocket).emit(event, payload);
    return true;
  }

  /**
   * Emits with an ack callback. Rejects when not connected, when the socket disconnects before
   * the ack, or after `timeoutMs`.
   */
  emitWithAck<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
    timeoutMs: number,
  ): Promise<ClientEventAck<E>> {
    if (!this.socket.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      (this.socket.timeout(timeoutMs) as unknown as UntypedSocket).emit(
        event,
        payload,
        (err: Error | null, ack: ClientEventAck<E>) => (err ? reject(err) : resolve(ack)),
      );
    });
  }

  private lostStatus(): ConnectionStatus {
    return this.window?.navigator.onLine === false ? 'disconnected' : 'reconnecting';
  }

  private scheduleReconnect(delayMs: number): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delayMs);
  }
}

/** The generic methods above are typed at their signatures; inside, Socket.IO's overloads get in the way. */
interface UntypedSocket {
  on(event: string, listener: (...args: never[]) => void): void;
  off(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
}
