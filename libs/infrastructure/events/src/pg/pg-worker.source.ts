/**
 * The body of the worker thread that owns a PostgreSQL connection for `PgSyncDatabase`. It is plain
 * JavaScript run with `eval: true`, so it needs no build step and no loader under jest or in the
 * built app: it only requires `pg`, whose resolved path the main thread passes in.
 *
 * Protocol: the main thread posts one request on `port`, then sleeps in `Atomics.wait` on `flag[0]`;
 * the worker runs it, posts the reply and sets `flag[0] = 1`. One request at a time, in order. The
 * notify comes after the flag, so it can wake the main thread's next wait: the main thread waits on
 * until the reply can be received (PgSyncDatabase.call).
 * `batch` runs several statements in one request (one wake-up instead of one per statement) and stops
 * at the first error. A `pipelined` batch writes all its statements to the server at once and reads
 * the answers after (one network round trip instead of one per statement; the client runs in pg's
 * pipeline mode, which changes nothing for one statement at a time). The server still runs every
 * statement after a failed one, so the main thread pipelines only batches that run inside one
 * transaction (see PgSyncDatabase.batch): there, a failure aborts the transaction and the statements
 * after it change nothing.
 */
export const pgWorkerSource = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
// int8 (positions, epoch milliseconds, counts) as numbers: every such value here is below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
let client;
let broken;
// Built inside the promise: a URL pg cannot parse throws here, and becomes every call's answer
// (an error thrown at the top of a worker would kill it and leave the main thread waiting).
const ready = (async () => {
  client = new pg.Client({ connectionString: workerData.url, application_name: workerData.applicationName, pipeline: true });
  client.on('error', (error) => { broken = error; });
  await client.connect();
  if (workerData.setup) await client.query(workerData.setup);
})().catch((error) => { broken = error; });

function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function failure(error) {
  return { error: { message: String(error && error.message || error), code: error && error.code, detail: error && error.detail, constraint: error && error.constraint } };
}

async function one(query) {
  const config = { text: query.text, values: query.values };
  if (query.name) config.name = query.name;
  if (query.array) config.rowMode = 'array';
  const result = await client.query(config);
  return { rows: result.rows || [], rowCount: result.rowCount || 0 };
}

let queue = ready;
port.on('message', (message) => {
  queue = queue.then(async () => {
    if (broken) return reply(failure(broken));
    try {
      if (message.op === 'query') return reply(await one(message.query));
      if (message.op === 'batch' && message.pipelined) {
        const settled = await Promise.allSettled(message.queries.map(one));
        const failed = settled.find((outcome) => outcome.status === 'rejected');
        if (failed) return reply(failure(failed.reason));
        return reply({ results: settled.map((outcome) => outcome.value) });
      }
      if (message.op === 'batch') {
        const results = [];
        for (const query of message.queries) results.push(await one(query));
        return reply({ results });
      }
      if (message.op === 'exec') {
        await client.query(message.text);
        return reply({ rows: [], rowCount: 0 });
      }
      if (message.op === 'close') {
        await client.end();
        reply({ rows: [], rowCount: 0 });
        port.close();
        return undefined;
      }
      return reply(failure(new Error('unknown request ' + message.op)));
    } catch (error) {
      return reply(failure(error));
    }
  });
});
`;
