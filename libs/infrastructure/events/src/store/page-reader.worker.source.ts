/**
 * The body of the worker thread that reads pages of the SQLite event log ahead of a rebuild (see
 * `SqlitePagesAhead`). Plain JavaScript run with `eval: true`, as the PostgreSQL worker: no build step,
 * no loader under jest or in the built app; it requires better-sqlite3 from the path the main thread
 * resolved.
 *
 * It opens the file read-only (WAL: it never waits for the main thread's writes, and sees every commit
 * made before each page's query). Each page comes back as one text per column, concatenated by SQLite
 * (`group_concat`; numbers and JSON as the text of a JSON array): one string per column instead of one
 * per cell saves the per-value conversions that are most of a page's cost on the main thread.
 * A page comes in parts whose widest column stays under about 60,000 characters: the main thread builds
 * each posted string anew, and one larger than V8's largest regular object (128 KiB) gets memory of its
 * own, which cost about 1.4 ms per 300 KB here (page faults), more than parsing it. The part size
 * follows the rows' width: each part's limit is set from the width of the one before.
 * Columns are concatenated in one pass over the same rows, so their items line up; the main thread
 * checks the counts and the order of the positions, and decodes row by row when they do not hold.
 *
 * Protocol (one range at a time; a new `read` replaces the old one):
 *   main → worker  { op: 'read', id, from, to, types, metadataOf, pageSize, partRows, ahead }
 *   worker → main  { id, page: { from, limit, count, last, columns... } }   one part of a page (at most
 *                  partRows rows, and none past the page's end), until a part shorter than its limit
 *   main → worker  { op: 'ack', id, rows }   after taking a page's last part: the worker keeps at most `ahead`
 *                  pages' worth of rows unacknowledged
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
/** The widest column a part should have, in characters (see above). */
const partChars = 60000;

// A column as the text of a JSON array, brackets included: the main thread parses it as it arrives,
// where adding them there would copy the whole text once more.
function jsonArray(column) {
  return "'[' || group_concat(" + column + ", ',') || ']'";
}

function pageSql(types, metadataOf) {
  const typeFilter = types === null ? '' : ' AND event_type IN (' + types.map(() => '?').join(', ') + ')';
  const metadata = metadataOf === null ? 'metadata'
    : metadataOf.length === 0 ? "'0'"
    : 'CASE WHEN event_type IN (' + metadataOf.map(() => '?').join(', ') + ") THEN metadata ELSE '0' END";
  return 'SELECT count(*), max(position), ' + jsonArray('position') + ', group_concat(stream_id, char(0)),'
    + ' ' + jsonArray('stream_version') + ', group_concat(event_id, char(0)), group_concat(event_type, char(0)),'
    + ' ' + jsonArray('schema_version') + ', ' + jsonArray('payload') + ', ' + jsonArray('metadata') + ', ' + jsonArray('recorded_at')
    + ' FROM (SELECT position, stream_id, stream_version, event_id, event_type, schema_version, payload, ' + metadata + ' AS metadata, recorded_at'
    + ' FROM events WHERE position >= ? AND position <= ?' + typeFilter + ' ORDER BY position LIMIT ?)';
}

function statementFor(message) {
  const key = JSON.stringify([message.types, message.metadataOf]);
  let statement = statements.get(key);
  if (!statement) {
    statement = db.prepare(pageSql(message.types, message.metadataOf)).raw(true);
    statements.set(key, statement);
  }
  return statement;
}

function fail(id, error) {
  parentPort.postMessage({ id, error: { message: String((error && error.message) || error), code: error && error.code } });
}

function pump() {
  while (job && !job.done && job.unacknowledged < job.ahead * job.pageSize) {
    const current = job;
    try {
      // The last part of each page is cut to what completes it.
      const limit = Math.min(current.partRows, current.pageSize - current.inPage);
      const row = current.statement.get(...current.metadataParams, current.next, current.to, ...current.typeParams, limit);
      const [count, last, positions, streamIds, versions, eventIds, types, schemaVersions, payloads, metadata, recordedAt] = row;
      current.unacknowledged += count;
      if (count > 0) {
        const widest = Math.max(payloads.length, metadata.length, streamIds.length, eventIds.length);
        current.partRows = Math.max(1, Math.min(current.maxPartRows, Math.floor((count * partChars) / widest)));
      }
      current.inPage = (current.inPage + count) % current.pageSize;
      if (count < limit) current.done = true;
      else current.next = last + 1;
      parentPort.postMessage({ id: current.id, page: { from: current.from, limit, count, last, positions, streamIds, versions, eventIds, types, schemaVersions, payloads, metadata, recordedAt } });
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
        maxPartRows: message.partRows,
        partRows: message.partRows,
        inPage: 0,
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
    job.unacknowledged -= message.rows;
    return pump();
  }
  if (message.op === 'stop') job = undefined;
});
`;
