import type { ClientEventName, ServerEventName } from '@moodlobby/shared';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import type {
  ClientEventAck,
  ClientEventPayload,
  ConnectionStatus,
  ServerEventPayload,
  SocketService,
} from '../app/lobby/data-access/socket.service';

export interface Emitted {
  event: ClientEventName;
  payload: unknown;
}

export interface AckRequest<E extends ClientEventName = ClientEventName> {
  event: E;
  payload: ClientEventPayload<E>;
  resolve(ack: ClientEventAck<E>): void;
  reject(error: Error): void;
}

type SocketApi = Pick<SocketService, 'status$' | 'connect' | 'reopen' | 'on' | 'emit' | 'emitWithAck'>;

/**
 * Stands in for `SocketService` in specs: the test plays the server. `setStatus` drives the
 * connection (like Socket.IO, a lost connection rejects the acks still pending), `serverEmit`
 * delivers an event, and `emitted` / `ackRequests` record what the client sent.
 */
export class FakeSocketService implements SocketApi {
  private readonly status = new BehaviorSubject<ConnectionStatus>('connecting');
  private readonly streams = new Map<string, Subject<unknown>>();
  private connected = false;

  readonly status$ = this.status.asObservable();
  readonly emitted: Emitted[] = [];
  readonly ackRequests: AckRequest[] = [];
  connectCalls = 0;
  reopenCalls = 0;

  connect(): void {
    this.connectCalls++;
  }

  /** Like the real one: the connection drops, then comes back without a session. */
  reopen(): void {
    this.reopenCalls++;
    this.setStatus('disconnected');
    this.setStatus('connected');
  }

  on<E extends ServerEventName>(event: E): Observable<ServerEventPayload<E>> {
    return this.stream(event).asObservable() as Observable<ServerEventPayload<E>>;
  }

  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): boolean {
    if (!this.connected) return false;
    this.emitted.push({ event, payload });
    return true;
  }

  emitWithAck<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventAck<E>> {
    if (!this.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      this.ackRequests.push({ event, payload, resolve, reject } as unknown as AckRequest);
    });
  }

  // ---- the test's side ----

  setStatus(status: ConnectionStatus): void {
    this.connected = status === 'connected';
    if (!this.connected) {
      this.ackRequests.splice(0).forEach((r) => r.reject(new Error('socket has been disconnected')));
    }
    this.status.next(status);
  }

  serverEmit<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>): void {
    this.stream(event).next(payload);
  }

  /** The emits of one event, payloads only. */
  sent(event: ClientEventName): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  /** Removes and returns the oldest unanswered ack request. */
  takeAckRequest(): AckRequest {
    const request = this.ackRequests.shift();
    if (!request) throw new Error('no event is waiting for an ack');
    return request;
  }

  private stream(event: string): Subject<unknown> {
    let subject = this.streams.get(event);
    if (!subject) {
      subject = new Subject<unknown>();
      this.streams.set(event, subject);
    }
    return subject;
  }
}
