import type { StreamAppend } from '@trader/events';
import { EventStoreRuntime, tradingReadModelEntities } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { tradingLog } from './trading-log';

/** Appends per transaction while the log is stored, as the rebuild workload always has. */
const appendsPerTransaction = 1_000;

/**
 * Stores the trading log of `orders` orders (trading-log.ts) into the SQLite file given, then closes it:
 * `node -r @swc-node/register -r tsconfig-paths/register trading-log-fill.child.ts <file> <orders>`.
 * A process of its own, so that the rebuild workload measures, as `trader replay` runs, in a process
 * that appended nothing: what the fill leaves in V8's heap and its allocation-site feedback is not
 * part of a rebuild (see DecodedEvent in libs/infrastructure/events for what such feedback did).
 */
async function fill(file: string, orders: number): Promise<void> {
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  const runtime = new EventStoreRuntime({ path: file, clock, tasks, readModelEntities: [...tradingReadModelEntities] });
  try {
    let pending: StreamAppend[] = [];
    for (const append of tradingLog(orders)) {
      pending.push(append);
      if (pending.length === appendsPerTransaction) {
        await runtime.store.appendBatch(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await runtime.store.appendBatch(pending);
  } finally {
    await runtime.stop();
    await tasks.shutdown(1_000);
  }
}

const [file, orders] = process.argv.slice(2);
if (file === undefined || !Number.isInteger(Number(orders))) {
  process.stderr.write('usage: trading-log-fill.child.ts <file> <orders>\n');
  process.exit(2);
}
fill(file, Number(orders)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
