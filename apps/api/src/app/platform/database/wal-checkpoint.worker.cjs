// The SQLite WAL checkpointer's thread (see wal-checkpointer.ts). Plain CommonJS so it runs as it
// is beside the bundle (copied there as an asset) and beside its source under Jest.
//
// Its own connection copies committed pages from the WAL into the database file and fsyncs it,
// PASSIVE mode: it never waits for, or blocks, the API's connection, which keeps writing to the
// WAL meanwhile. With auto-checkpoints off on the API's connection, no COMMIT on the event loop
// ever pays for a checkpoint's fsync.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const { path, intervalMs } = workerData;
const describe = (error) => (error instanceof Error ? error.message : String(error));

let db;
try {
  db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
} catch (error) {
  parentPort.postMessage({ type: 'error', message: `cannot open ${path}: ${describe(error)}` });
  parentPort.close();
  return;
}

let stopped = false;
const timer = setInterval(() => {
  if (stopped) return;
  const startedAt = Date.now();
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', startedAt, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: describe(error) });
  }
}, intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop' || stopped) return;
  stopped = true;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});

parentPort.postMessage({ type: 'ready' });
