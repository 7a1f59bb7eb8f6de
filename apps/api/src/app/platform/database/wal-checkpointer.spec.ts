import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointMessage, SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, WalCheckpointer } from './wal-checkpointer';

const PAGE = 4096;

/** Rejects with what was seen so far if `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, seen: () => unknown): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing after ${ms} ms; saw ${JSON.stringify(seen())}`)), ms)),
  ]);
}

/** Polls `condition` every 20 ms until it holds, or fails after `ms`. */
async function eventually(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A real SQLite file in WAL mode, like the API's, with a table to fill. */
function openDatabase(dir: string) {
  const path = join(dir, 'wal.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  /** Commits `pages` pages' worth of rows, one transaction each, as the API's commits are. */
  const write = (pages: number) => {
    for (let i = 0; i < pages; i++) insert.run('x'.repeat(PAGE - 200));
  };
  const walBytes = () => statSync(`${path}-wal`).size;
  const pragma = async (sql: string) => db.prepare(sql).all();
  return { path, db, write, walBytes, pragma };
}

describe('WalCheckpointer (real SQLite file, real worker thread)', () => {
  let dir: string;
  let sqlite: ReturnType<typeof openDatabase>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'moodlobby-wal-'));
    sqlite = openDatabase(dir);
  });

  afterEach(() => {
    sqlite.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns auto-checkpoints off on the API connection, so its commits never checkpoint', async () => {
    // Without the worker, SQLite checkpoints inside the commit that crosses 1000 pages: the WAL
    // starts over and stays small.
    sqlite.write(1500);
    expect(sqlite.walBytes()).toBeLessThan(1100 * PAGE);

    const checkpointer = new WalCheckpointer(sqlite.path, sqlite.pragma, 60_000);
    await checkpointer.start();
    try {
      expect(sqlite.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      sqlite.write(2500);
      // No commit checkpointed: every page is still in the WAL.
      expect(sqlite.walBytes()).toBeGreaterThan(2500 * PAGE);
    } finally {
      await checkpointer.stop();
    }
    expect(sqlite.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES);
  });

  it('checkpoints the WAL from its own thread while the API connection keeps writing', async () => {
    const messages: CheckpointMessage[] = [];
    let allCheckpointed: (message: CheckpointMessage) => void = () => undefined;
    const checkpointed = new Promise<CheckpointMessage>((resolve) => (allCheckpointed = resolve));
    let writtenAt = Infinity;
    const checkpointer = new WalCheckpointer(sqlite.path, sqlite.pragma, 50, (message) => {
      messages.push(message);
      // Only a checkpoint begun after the last commit has seen every frame (others, run while
      // the writes went on, are delivered after them too).
      if (message.type === 'checkpoint' && message.startedAt > writtenAt && message.log > 0 && message.checkpointed === message.log) {
        allCheckpointed(message);
      }
    });
    await checkpointer.start();
    try {
      sqlite.write(1200);
      writtenAt = Date.now();
      await expect(within(checkpointed, 4000, () => messages.slice(-3))).resolves.toMatchObject({ type: 'checkpoint', busy: 0 });
    } finally {
      await checkpointer.stop();
    }
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);

    // Everything the API connection wrote is readable, and its next write starts the WAL over
    // (the log holds only the new frames).
    expect(sqlite.db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 1200 });
    sqlite.write(1);
    const [after] = sqlite.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    expect(after.log).toBeLessThan(10);
  });

  it('stops cleanly: the worker exits and stop is idempotent', async () => {
    const checkpointer = new WalCheckpointer(sqlite.path, sqlite.pragma, 20);
    await checkpointer.start();
    expect(checkpointer.running).toBe(true);
    // stop() resolves only once the thread has exited (its connection closed before that).
    await Promise.all([checkpointer.stop(), checkpointer.stop()]);
    expect(checkpointer.running).toBe(false);
    // Only the API connection is left: a TRUNCATE checkpoint can take the whole WAL.
    sqlite.write(10);
    expect(sqlite.db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    expect(sqlite.walBytes()).toBe(0);
  });

  it('refuses to start on a database file that does not exist, leaving auto-checkpoints on', async () => {
    const checkpointer = new WalCheckpointer(join(dir, 'missing.db'), sqlite.pragma, 20);
    await expect(checkpointer.start()).rejects.toThrow(/cannot open .*missing\.db/);
    expect(checkpointer.running).toBe(false);
    expect(sqlite.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES);
  });

  it('gives checkpointing back to SQLite when the worker dies', async () => {
    const checkpointer = new WalCheckpointer(sqlite.path, sqlite.pragma, 60_000);
    await checkpointer.start();
    expect(sqlite.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // A crash of the thread, as an uncaught error in it would end it.
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await eventually(() => !checkpointer.running, 2000, 'the checkpointer noticed');
    await eventually(() => sqlite.db.pragma('wal_autocheckpoint', { simple: true }) === SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, 2000, 'auto-checkpoints back on');
    await checkpointer.stop();
  });
});
