/**
 * Preloaded into a server under the lobby or rate benchmark (`node --require`), only when
 * BENCH_DELIVERY_TRACE names a file: stamps, per `message:send`, when its frame reached the
 * server (the `ws` socket's 'message' event) and when the server first and last called
 * `socket.write` with a `message:new` frame carrying its clientMessageId. Written as one JSON
 * object `{ clientMessageId: [in, first, last] }` when the process exits, in ms of the machine's
 * monotonic clock (lib/trace-clock.cjs: one clock for every process, see lib/deliverytrace.mjs).
 * It patches only `ws` and `net`, so it times the real API and the bare Socket.IO server alike,
 * without touching either's code. (CommonJS: it must patch the modules they require.)
 *
 * A broadcast writes one Buffer to every client (socket.io's pre-encoded frame, the API's framed
 * broadcast): a Buffer is read once, the first time it is written, and remembered with what it
 * carries. The bare server corks each client's socket, so there a write call queues the bytes and
 * the system call follows at uncork; "first" and "last" are the write calls either way.
 */
const file = process.env.BENCH_DELIVERY_TRACE;
if (file) {
  const { writeFileSync } = require('node:fs');
  const Module = require('node:module');
  const net = require('node:net');
  const { traceClockMs: now } = require('./trace-clock.cjs');

  /** Sends traced at most: the warm-up's and the window's, with room to spare. */
  const MAX_SENDS = 200_000;
  const CLIENT_MESSAGE_ID = /"clientMessageId":"([^"\\]{1,64})"/g;
  /** clientMessageId → [in, first write, last write]. */
  const sends = new Map();
  /** Each written Buffer → the sends its `message:new` frames carry (most carry none). */
  const carried = new WeakMap();

  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function tracedWrite(data, ...rest) {
    const started = now();
    const result = write.call(this, data, ...rest);
    if (Buffer.isBuffer(data)) {
      let entries = carried.get(data);
      if (entries === undefined) {
        entries = [];
        if (data.length > 16) {
          const text = data.latin1Slice(0, data.length);
          if (text.includes('"message:new"')) {
            for (const [, id] of text.matchAll(CLIENT_MESSAGE_ID)) {
              const entry = sends.get(id);
              if (entry && entry[1] === null) {
                entry[1] = started;
                entries.push(entry);
              }
            }
          }
        }
        carried.set(data, entries);
      }
      if (entries.length > 0) {
        const ended = now();
        for (const entry of entries) entry[2] = ended;
      }
    }
    return result;
  };

  const patched = new WeakSet();
  const load = Module._load;
  Module._load = function tracedLoad(request, ...rest) {
    const exports = load.call(this, request, ...rest);
    const WebSocket = request === 'ws' ? exports?.WebSocket : undefined;
    if (WebSocket && !patched.has(WebSocket)) {
      patched.add(WebSocket);
      const emit = WebSocket.prototype.emit;
      WebSocket.prototype.emit = function tracedEmit(event, data, ...args) {
        if (event === 'message' && sends.size < MAX_SENDS) {
          const at = now();
          const text = Buffer.isBuffer(data) ? data.latin1Slice(0, Math.min(data.length, 4096)) : String(data).slice(0, 4096);
          if (text.includes('"message:send"')) {
            const id = text.matchAll(CLIENT_MESSAGE_ID).next().value?.[1];
            if (id !== undefined && !sends.has(id)) sends.set(id, [at, null, null]);
          }
        }
        return emit.call(this, event, data, ...args);
      };
    }
    return exports;
  };

  process.on('exit', () => writeFileSync(file, JSON.stringify(Object.fromEntries(sends))));
}
