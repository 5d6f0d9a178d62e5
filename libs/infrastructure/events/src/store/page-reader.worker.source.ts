/**
 * The body of the worker thread that reads pages of the SQLite event log ahead of a rebuild (see
 * `SqlitePagesAhead`). Plain JavaScript run with `eval: true`, as the PostgreSQL worker: no build step,
 * no loader under jest or in the built app; it requires better-sqlite3 from the path the main thread
 * resolved.
 *
 * It opens the file read-only (WAL: it never waits for the main thread's writes, and sees every commit
 * made before each page's query). Each page comes back as one text per column, concatenated by SQLite
 * (`group_concat`): one string per column instead of one per cell saves the per-value conversions that
 * are most of a page's cost on the main thread, and a handful of strings is nearly free to post.
 * Columns are concatenated in one pass over the same rows, so their items line up; the main thread
 * checks the counts and the order of the positions, and decodes row by row when they do not hold.
 *
 * Protocol (one range at a time; a new `read` replaces the old one):
 *   main → worker  { op: 'read', id, from, to, types, metadataOf, pageSize }
 *   worker → main  { id, page: { from, count, last, columns... } }   until a page shorter than pageSize
 *   main → worker  { op: 'ack', id }    after taking a page: the worker keeps at most `ahead` unacknowledged
 *   main → worker  { op: 'stop', id }   the reader stopped early
 *   worker → main  { id, error: { message, code } }
 */
export const pageReaderWorkerSource = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let db;
let failedToOpen;
try {
  const Database = require(workerData.sqlitePath);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
} catch (error) {
  failedToOpen = error;
}
const statements = new Map();
let job;

function pageSql(types, metadataOf, pageSize) {
  const typeFilter = types === null ? '' : ' AND event_type IN (' + types.map(() => '?').join(', ') + ')';
  const metadata = metadataOf === null ? 'metadata'
    : metadataOf.length === 0 ? "'0'"
    : 'CASE WHEN event_type IN (' + metadataOf.map(() => '?').join(', ') + ") THEN metadata ELSE '0' END";
  return 'SELECT count(*), max(position), group_concat(position, \',\'), group_concat(stream_id, char(0)),'
    + ' group_concat(stream_version, \',\'), group_concat(event_id, char(0)), group_concat(event_type, char(0)),'
    + ' group_concat(schema_version, \',\'), group_concat(payload, \',\'), group_concat(metadata, \',\'), group_concat(recorded_at, \',\')'
    + ' FROM (SELECT position, stream_id, stream_version, event_id, event_type, schema_version, payload, ' + metadata + ' AS metadata, recorded_at'
    + ' FROM events WHERE position >= ? AND position <= ?' + typeFilter + ' ORDER BY position LIMIT ' + pageSize + ')';
}

function statementFor(message) {
  const key = JSON.stringify([message.types, message.metadataOf, message.pageSize]);
  let statement = statements.get(key);
  if (!statement) {
    statement = db.prepare(pageSql(message.types, message.metadataOf, message.pageSize)).raw(true);
    statements.set(key, statement);
  }
  return statement;
}

function fail(id, error) {
  parentPort.postMessage({ id, error: { message: String((error && error.message) || error), code: error && error.code } });
}

function pump() {
  while (job && !job.done && job.unacknowledged < job.ahead) {
    const current = job;
    try {
      const row = current.statement.get(...current.metadataParams, current.next, current.to, ...current.typeParams);
      const [count, last, positions, streamIds, versions, eventIds, types, schemaVersions, payloads, metadata, recordedAt] = row;
      current.unacknowledged += 1;
      if (count < current.pageSize) current.done = true;
      else current.next = last + 1;
      parentPort.postMessage({ id: current.id, page: { from: current.from, count, last, positions, streamIds, versions, eventIds, types, schemaVersions, payloads, metadata, recordedAt } });
      current.from = current.next;
    } catch (error) {
      current.done = true;
      fail(current.id, error);
    }
  }
}

parentPort.on('message', (message) => {
  if (message.op === 'read') {
    if (failedToOpen) return fail(message.id, failedToOpen);
    try {
      job = {
        id: message.id,
        statement: statementFor(message),
        typeParams: message.types === null ? [] : message.types,
        metadataParams: message.metadataOf === null ? [] : message.metadataOf,
        from: message.from,
        next: message.from,
        to: message.to,
        pageSize: message.pageSize,
        ahead: message.ahead,
        unacknowledged: 0,
        done: false,
      };
    } catch (error) {
      return fail(message.id, error);
    }
    return pump();
  }
  if (!job || message.id !== job.id) return;
  if (message.op === 'ack') {
    job.unacknowledged -= 1;
    return pump();
  }
  if (message.op === 'stop') job = undefined;
});
`;
