/**
 * The baseline of the lobby benchmark: a bare Socket.IO server on 127.0.0.1 that does the least
 * a lobby can do. `session:start` is acknowledged with a made-up user (no presence broadcast);
 * `message:send` is broadcast at once as a `Message`-shaped `message:new` (no validation, no
 * database, no rate limit), acknowledged, and followed after a fixed delay by a
 * `message:mood_updated` to everyone, standing in for the inference round trip. Same payload
 * shapes as the real server, so both move about the same bytes.
 *
 * Given a third argument (`--baseline-store`), it also stores what a durable lobby must, in the
 * SQLite file that argument names (baseline-store.mjs): each message and its job are committed
 * before the broadcast and the ack, each mood before its broadcast.
 *
 * Forked by lobby/index.mjs: reports { type: 'listening', port } over IPC and exits when the
 * channel closes or at its hard time limit.
 * Usage: baseline-server.mjs <moodDelayMs> <maxSeconds> [storePath]
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import shared from '@moodlobby/shared';
import { Server } from 'socket.io';
import { openBaselineStore } from './baseline-store.mjs';

const { ClientEvent, MAX_SOCKET_TRANSPORT_BYTES, ServerEvent } = shared;

const moodDelayMs = Number(process.argv[2] ?? 5);
const maxSeconds = Number(process.argv[3] ?? 600);
const store = process.argv[4] ? openBaselineStore(process.argv[4]) : null;

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
const io = new Server(http, { maxHttpBufferSize: MAX_SOCKET_TRANSPORT_BYTES });

io.on('connection', (socket) => {
  socket.on(ClientEvent.SessionStart, (payload, ack) => {
    socket.data.user = { id: randomUUID(), nickname: String(payload?.nickname ?? 'anon'), variant: 'CONTROL' };
    const answer = {
      user: socket.data.user,
      token: 'baseline',
      history: [],
      presence: [],
      limits: { messageMaxLength: 500, rateLimit: { max: 5, windowMs: 5000 } },
      ui: { vnBackgroundDebounceMs: 1500 },
      serverTime: new Date().toISOString(),
    };
    socket.emit(ServerEvent.SessionAck, answer);
    if (typeof ack === 'function') ack({ ok: true, ...answer });
  });

  socket.on(ClientEvent.MessageSend, (payload, ack) => {
    const user = socket.data.user ?? { id: socket.id, nickname: 'anon' };
    const id = randomUUID();
    const message = {
      id,
      userId: user.id,
      nickname: user.nickname,
      text: payload?.text,
      mood: 'neutral',
      moodStatus: 'pending',
      confidence: null,
      seed: id.slice(0, 8),
      createdAt: new Date().toISOString(),
      ...(payload?.clientMessageId ? { clientMessageId: payload.clientMessageId } : {}),
    };
    const jobId = store?.messageStored(message);
    io.emit(ServerEvent.MessageNew, message);
    if (typeof ack === 'function') ack({ ok: true, message });
    setTimeout(() => {
      const update = { messageId: id, mood: 'neutral', confidence: 1, status: 'done' };
      store?.moodStored(jobId, update);
      io.emit(ServerEvent.MoodUpdated, update);
    }, moodDelayMs);
  });
});

process.on('disconnect', () => process.exit(0));
setTimeout(() => {
  console.error(`[baseline] time limit of ${maxSeconds} s reached`);
  process.exit(1);
}, maxSeconds * 1000).unref();

http.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: http.address().port }));
