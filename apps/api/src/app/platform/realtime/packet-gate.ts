import type { Socket } from 'socket.io';
import { ClientEvent } from '@moodlobby/shared';
import { ackOf, answerInvalidPayload } from './ws-answers';

const CLIENT_EVENTS = new Set<string>(Object.values(ClientEvent));

/** Socket.IO packet types a client's event arrives as (EVENT, BINARY_EVENT), the first character of its text frame. */
const EVENT_PACKET_TYPES = new Set(['2', '5']);

/** The engine.io packet as its `packet` event hands it over (text or binary frame data). */
interface EnginePacket {
  type: string;
  data?: unknown;
}

/**
 * Stands in front of every event handler on a socket, before anything reads the payload:
 * - an event larger than `maxBytes` on the wire is answered `error:invalid_payload` and goes
 *   no further (nothing is validated or stored; the connection stays up);
 * - an event nobody handles is answered `error:invalid_payload` too, so a client never waits
 *   on silence.
 *
 * The size is what the transport read for the event: its text frame plus any binary
 * attachments, counted as each frame arrives. Socket.IO decodes and dispatches an event
 * synchronously with its last frame, so the middleware sees exactly that event's bytes.
 */
export function gateClientPackets(socket: Socket, maxBytes: number): void {
  let bytes = 0;
  socket.conn.on('packet', (packet: EnginePacket) => {
    if (packet.type !== 'message') return;
    if (typeof packet.data === 'string') {
      // The text frame is the engine.io type ("4") followed by the Socket.IO packet.
      if (EVENT_PACKET_TYPES.has(packet.data.charAt(0))) bytes += 1 + Buffer.byteLength(packet.data);
    } else {
      bytes += binaryLength(packet.data);
    }
  });
  socket.use((args, next) => {
    const size = bytes;
    bytes = 0;
    const [event] = args as unknown[];
    const name = typeof event === 'string' ? event.slice(0, 64) : typeof event;
    if (size > maxBytes) {
      answerInvalidPayload(socket, name, [`payload must be at most ${maxBytes} bytes (this one was ${size})`], ackOf(args));
      return;
    }
    if (typeof event !== 'string' || !CLIENT_EVENTS.has(event)) {
      answerInvalidPayload(socket, name, [`unknown event "${name}"`], ackOf(args));
      return;
    }
    next();
  });
}

function binaryLength(data: unknown): number {
  if (Buffer.isBuffer(data) || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + binaryLength(part), 0);
  return 0;
}
