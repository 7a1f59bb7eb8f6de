// --baseline-store's parts, with real processes: the bare server (lobby/baseline-server.mjs) given
// a SQLite path must have each message and its job committed by the time the sender's ack
// arrives, and each mood with its job DONE by the time message:mood_updated arrives; without a
// path it answers as before. Run: node --test bench/test/
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';

const SERVER = fileURLToPath(new URL('../lobby/baseline-server.mjs', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moodlobby-baseline-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
/**
 * The bare server's stand-in for inference: each mood this long after its message. Long enough
 * that the reads made when the ack arrives (a connection opened per read) are over before the
 * mood is stored; at the bench's 5 ms a slow machine's reads found the job already DONE.
 */
const MOOD_DELAY_MS = 300;

/** The bare server, run as the bench runs it (through tsx, for the workspace's `@moodlobby/shared`). */
async function startBaseline(...extra) {
  const child = fork(SERVER, [String(MOOD_DELAY_MS), '60', ...extra], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the baseline server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.disconnect();
      await exited;
    },
  };
}

/** A client with a session: `send` resolves with the ack and the message:mood_updated that follows it. */
async function client(url) {
  const socket = io(url, { transports: ['websocket'], forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  await socket.timeout(5000).emitWithAck('session:start', { nickname: 'ada' });
  // Each mood as a promise by message id, whether it comes before or after its waiter asks.
  const moods = new Map();
  const moodOf = (id) => {
    if (!moods.has(id)) {
      let resolve;
      moods.set(id, Object.assign(new Promise((r) => (resolve = r)), { resolve }));
    }
    return moods.get(id);
  };
  socket.on('message:mood_updated', (update) => moodOf(update.messageId).resolve(update));
  return {
    socket,
    async send(payload, onAck) {
      const ack = await socket.timeout(5000).emitWithAck('message:send', payload);
      const atAck = onAck(ack);
      return { ack, atAck, mood: await moodOf(ack.message.id) };
    },
  };
}

function read(path, sql, ...params) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params);
  } finally {
    db.close();
  }
}

test('with a store, a message and its job are committed before the ack, the mood before its broadcast', async () => {
  const path = join(dir, 'baseline.db');
  const server = await startBaseline(path);
  const ada = await client(server.url).catch(async (error) => {
    await server.stop();
    throw error;
  });
  try {
    const { ack, atAck, mood } = await ada.send({ text: 'hello, durable world', clientMessageId: 'c-1' }, (answer) => ({
      message: read(path, 'SELECT text, mood, mood_status, client_message_id FROM messages WHERE id = ?', answer.message.id),
      job: read(path, 'SELECT status, finished_at FROM inference_jobs WHERE message_id = ?', answer.message.id),
    }));
    assert.equal(ack.ok, true);
    assert.deepEqual(atAck.message, { text: 'hello, durable world', mood: 'neutral', mood_status: 'pending', client_message_id: 'c-1' });
    assert.deepEqual(atAck.job, { status: 'PENDING', finished_at: null });

    assert.equal(mood.status, 'done');
    const stored = read(path, 'SELECT mood, mood_status, confidence FROM messages WHERE id = ?', ack.message.id);
    assert.deepEqual(stored, { mood: mood.mood, mood_status: 'done', confidence: mood.confidence });
    const job = read(path, 'SELECT status, finished_at FROM inference_jobs WHERE message_id = ?', ack.message.id);
    assert.equal(job.status, 'DONE');
    assert.ok(job.finished_at, 'the job has its finish time');
  } finally {
    ada.socket.close();
    await server.stop();
  }
});

test('without a store, the bare server still acknowledges and sends the mood', async () => {
  const server = await startBaseline();
  const ada = await client(server.url);
  try {
    const { ack, mood } = await ada.send({ text: 'in memory only' }, () => null);
    assert.equal(ack.ok, true);
    assert.equal(mood.messageId, ack.message.id);
  } finally {
    ada.socket.close();
    await server.stop();
  }
});
