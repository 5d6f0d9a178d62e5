/**
 * The body of the worker thread that checkpoints a SQLite file's write-ahead log (see
 * `WalCheckpointer`). Plain JavaScript run with `eval: true`, as the page reader: no build step, no
 * loader under jest or in the built app; it requires better-sqlite3 from the path the main thread
 * resolved.
 *
 * Its connection runs `PRAGMA wal_checkpoint(PASSIVE)`, which waits for no reader and no writer: it
 * copies what it can into the database file while the main connection goes on committing. It uses the
 * main connection's `synchronous` setting, so a checkpoint syncs the files exactly as the main
 * connection's own automatic checkpoint would have.
 *
 * Whether a checkpoint is due is read from the WAL index (the `-shm` file, "walformat" in SQLite's
 * documentation): the frames in the log (`mxFrame`, offset 16 of its header) less those already copied
 * (`nBackfill`, offset 96), in the machine's byte order. A header it does not recognise (its version
 * is not 3007000) makes every request a checkpoint, which is always safe.
 *
 * Protocol:
 *   main → worker  { op: 'checkpoint', id, thresholdPages }
 *   worker → main  { id, pending, ran: false }   fewer than thresholdPages frames wait to be copied
 *   worker → main  { id, pending, ran: true, busy, log, checkpointed }
 *   worker → main  { id, error: { message, code } }
 * A connection that cannot be opened ends the thread (its error is the thread's 'error' event).
 */
export const walCheckpointerWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { endianness } = require('node:os');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = ' + workerData.synchronous);
const header = Buffer.alloc(100);
const read32 = endianness() === 'LE' ? (offset) => header.readUInt32LE(offset) : (offset) => header.readUInt32BE(offset);

function pendingFrames() {
  let fd;
  try {
    fd = openSync(workerData.file + '-shm', 'r');
    if (readSync(fd, header, 0, header.length, 0) < header.length) return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (read32(0) !== 3007000) return undefined;
  return read32(16) - read32(96);
}

parentPort.on('message', (message) => {
  if (message.op !== 'checkpoint') return;
  const pending = pendingFrames();
  if (pending !== undefined && pending < message.thresholdPages) return parentPort.postMessage({ id: message.id, pending, ran: false });
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id: message.id, pending, ran: true, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;
