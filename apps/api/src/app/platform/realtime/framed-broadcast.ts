import type { Server, Socket } from 'socket.io';

/** Socket.IO's EVENT packet type, and engine.io's "message" packet type (the text frame's first character). */
const SOCKET_IO_EVENT = 2;
const ENGINE_IO_MESSAGE = '4';
/** `ws`'s sender state when it is not deflating or waiting on a blob: what it writes next goes out at once, in order. */
const WS_SENDER_IDLE = 0;
const WS_OPEN = 1;

/**
 * The parts of a Socket.IO connection that writing to it directly needs: engine.io's socket and
 * websocket transport, and the `ws` socket under it. None of them is public API, so each is
 * checked before use; a connection that does not look like this is written the ordinary way.
 */
interface Connection {
  readyState?: string;
  writeBuffer?: unknown[];
  transport?: {
    name?: string;
    writable?: boolean;
    socket?: {
      readyState?: number;
      _extensions?: Record<string, unknown>;
      _sender?: { _state?: number; _queue?: unknown[] };
      _socket?: { writable?: boolean; destroyed?: boolean; write(data: Buffer): boolean };
    };
  };
}

/**
 * Emits `events` to every client of this process, in order, as `server.emit` would, with each
 * event's websocket frame built once for all clients and written to each idle websocket
 * connection as one buffer: one system call per client for the lot, and none of engine.io's
 * per-client packet objects, events and write callbacks.
 *
 * The bytes are the ones engine.io would write (an unmasked, final text frame holding "4"
 * followed by Socket.IO's encoding of the event), so clients cannot tell. A connection is
 * written to directly only while nothing else is in flight on it: engine.io's transport idle
 * with an empty buffer, `ws` open and its sender idle without compression; anything written
 * later queues behind these bytes on the same TCP stream. Other connections (long-polling, mid-
 * write, upgrading, closing) get the events through `socket.emit`, in the same order.
 *
 * Returns false, having sent nothing, where a broadcast is more than writing to this process's
 * clients: another adapter (Redis: the other processes must hear it too), connection state
 * recovery (packets carry offsets), or an event with binary data. The caller then emits the
 * ordinary way.
 */
export function broadcastFramed(server: Server, events: readonly (readonly [string, ...unknown[]])[]): boolean {
  if (!localOnly(server)) return false;
  const frames: Buffer[] = [];
  for (const [event, ...payload] of events) {
    const encoded: unknown[] = server.encoder.encode({ type: SOCKET_IO_EVENT, data: [event, ...payload], nsp: '/' });
    if (encoded.length !== 1 || typeof encoded[0] !== 'string') return false;
    frames.push(textFrame(Buffer.from(ENGINE_IO_MESSAGE + encoded[0])));
  }
  const bytes = frames.length === 1 ? frames[0] : Buffer.concat(frames);
  for (const socket of server.sockets.sockets.values()) {
    const tcp = idleWebsocket(socket);
    if (tcp) tcp.write(bytes);
    else for (const [event, ...payload] of events) socket.emit(event, ...payload);
  }
  return true;
}

/** Whether a broadcast reaches no one but this process's sockets of the default namespace, as plain packets. */
function localOnly(server: Server): boolean {
  const adapter = server.sockets.adapter as { constructor: { name: string } };
  const options = (server as unknown as { opts: { connectionStateRecovery?: unknown } }).opts;
  return adapter.constructor.name === 'Adapter' && !options.connectionStateRecovery && typeof server.encoder?.encode === 'function';
}

/** The TCP socket of a websocket connection with nothing in flight, or null. */
function idleWebsocket(socket: Socket): { write(data: Buffer): boolean } | null {
  const connection = socket.conn as unknown as Connection;
  const transport = connection.transport;
  const ws = transport?.socket;
  const tcp = ws?._socket;
  const sender = ws?._sender;
  const idle =
    connection.readyState === 'open' &&
    connection.writeBuffer?.length === 0 &&
    transport?.name === 'websocket' &&
    transport.writable === true &&
    ws?.readyState === WS_OPEN &&
    ws._extensions !== undefined &&
    !('permessage-deflate' in ws._extensions) &&
    sender?._state === WS_SENDER_IDLE &&
    sender._queue?.length === 0 &&
    tcp !== undefined &&
    tcp.writable === true &&
    tcp.destroyed === false &&
    typeof tcp.write === 'function';
  return idle ? tcp : null;
}

/** An unmasked final text frame (RFC 6455 5.2: FIN + opcode 1, then the payload length) holding `payload`. */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}
