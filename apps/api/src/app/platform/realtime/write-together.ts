import type { Server } from 'socket.io';

/**
 * The parts of an engine.io connection (and of the `ws` socket under its websocket transport)
 * that writing several frames as one needs. None of them is public API, so each is checked
 * before use: a connection that does not look like this is written to the ordinary way.
 */
interface EngineConnection {
  transport?: {
    name?: string;
    writable?: boolean;
    socket?: { _socket?: { cork(): void; uncork(): void } };
  };
  flush?: () => void;
}

/**
 * Runs `emit` (one or more broadcasts) so that every websocket client gets what it emits in one
 * TCP write instead of one per event.
 *
 * engine.io writes a websocket connection's first packet at once and queues what follows until
 * that write completes, then writes the queue frame by frame: k events cost each client k
 * writes, each a system call here and a wake-up on the client's side. At 100 clients that is
 * most of what a broadcast costs. Here, for the length of `emit`, each idle websocket transport
 * is marked busy, so every packet is queued; then each connection's queue is flushed with its
 * TCP socket corked, so all its frames leave in one write. The events, their order and their
 * frames are the same as without; only the number of writes changes.
 *
 * Connections that are already writing (their packets queue behind that write anyway) and
 * long-polling ones are left alone.
 */
export function writeTogether(server: Server, emit: () => void): void {
  const held: EngineConnection[] = [];
  for (const socket of server.sockets.sockets.values()) {
    const connection = socket.conn as unknown as EngineConnection;
    const transport = connection.transport;
    if (transport?.name !== 'websocket' || transport.writable !== true || typeof connection.flush !== 'function') continue;
    transport.writable = false;
    held.push(connection);
  }
  try {
    emit();
  } finally {
    for (const connection of held) release(connection);
  }
}

function release(connection: EngineConnection): void {
  const transport = connection.transport;
  if (!transport) return;
  transport.writable = true;
  const tcp = transport.socket?._socket;
  const corkable = typeof tcp?.cork === 'function' && typeof tcp.uncork === 'function';
  if (corkable) tcp.cork();
  try {
    connection.flush?.();
  } finally {
    if (corkable) tcp.uncork();
  }
}
