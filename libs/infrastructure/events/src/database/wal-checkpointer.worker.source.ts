/**
 * The body of the worker thread that checkpoints a SQLite file's write-ahead log (see
 * `WalCheckpointer`). Plain JavaScript run with `eval: true`, as the page reader: no build step, no
 * loader under jest or in the built app; it requires better-sqlite3 from the path the main thread
 * resolved.
 *
 * Its connection runs `PRAGMA wal_checkpoint(PASSIVE)`, which waits for no reader and no writer: it
 * copies what it can into the database file while the main connection goes on committing, and with
 * nothing new to copy it syncs nothing. It uses the main connection's `synchronous` setting, so a
 * checkpoint syncs the files exactly as the main connection's own automatic checkpoint would have.
 *
 * It touches the database's files only through SQLite. SQLite's locks are POSIX record locks, which
 * belong to the process: closing any descriptor of a file drops all of the process's locks on it, the
 * main connection's included. An earlier version read the WAL index (`-shm`) with `fs` to count the
 * frames waiting; every close dropped the main connection's locks, so another process opening the file
 * (a backup, the next trader after a restart) took itself for the only user, reset the WAL index under
 * the main connection's mapping, and the trader died of SIGBUS (the chaos soak caught it).
 *
 * Protocol:
 *   main → worker  { op: 'checkpoint', id }
 *   worker → main  { id, busy, log, checkpointed }
 *   worker → main  { id, error: { message, code } }
 * A connection that cannot be opened ends the thread (its error is the thread's 'error' event).
 */
export const walCheckpointerWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = ' + workerData.synchronous);

parentPort.on('message', (message) => {
  if (message.op !== 'checkpoint') return;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id: message.id, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;
