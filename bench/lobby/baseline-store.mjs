/**
 * The least a durable lobby stores, for the baseline server's `--baseline-store` runs: each
 * message with its mood job in one transaction before it is broadcast and acknowledged, and each
 * mood with its job marked DONE in one transaction before the mood is broadcast. A SQLite file
 * set up as the API sets up its own (WAL, `synchronous = NORMAL`), prepared statements, primary
 * keys only: no validation, no idempotency look-up, no running totals, no inference call. What
 * the real API costs beyond this baseline is its own work, not the price of durability.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    nickname TEXT NOT NULL,
    text TEXT NOT NULL,
    mood TEXT NOT NULL,
    mood_status TEXT NOT NULL,
    confidence REAL,
    client_message_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS inference_jobs (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT
  );
`;

/** Said under a run whose baseline stored every message and mood (`--baseline-store`). */
export const STORED_BASELINE_NOTE =
  'The bare server stored every message with its job before broadcasting it, and every mood before its broadcast, in SQLite (--baseline-store, lobby/baseline-store.mjs): "bare" here is a durable bare server.';

/**
 * Opens (creating it if need be) the store at `path`. `messageStored(message)` commits a
 * `Message`-shaped object and its PENDING job and returns the job's id; `moodStored(jobId,
 * update)` commits a `message:mood_updated` payload onto its message and marks the job DONE.
 */
export function openBaselineStore(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Never checkpoint during a run (the file is thrown away after it): the API checkpoints on a
  // thread of its own, and a baseline that paid for checkpoints on its event loop would not be
  // the cheapest durable server.
  db.pragma('wal_autocheckpoint = 0');
  db.exec(SCHEMA);
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, user_id, nickname, text, mood, mood_status, confidence, client_message_id, created_at)
     VALUES (@id, @userId, @nickname, @text, @mood, @moodStatus, @confidence, @clientMessageId, @createdAt)`,
  );
  const insertJob = db.prepare(`INSERT INTO inference_jobs (id, message_id, status, created_at) VALUES (?, ?, 'PENDING', ?)`);
  const setMood = db.prepare('UPDATE messages SET mood = ?, mood_status = ?, confidence = ? WHERE id = ?');
  const jobDone = db.prepare(`UPDATE inference_jobs SET status = 'DONE', finished_at = ? WHERE id = ?`);

  const messageStored = db.transaction((message) => {
    const jobId = randomUUID();
    insertMessage.run({ clientMessageId: null, ...message, text: String(message.text ?? '') });
    insertJob.run(jobId, message.id, message.createdAt);
    return jobId;
  });
  const moodStored = db.transaction((jobId, { messageId, mood, status, confidence }) => {
    setMood.run(mood, status, confidence, messageId);
    jobDone.run(new Date().toISOString(), jobId);
  });
  return { messageStored, moodStored };
}
