import { accountSchema, EventSchemaRegistry, EventStoreRuntime, PgLogReader } from '@trader/events';
import { silentLogger, SystemClock, TaskManager } from '@trader/runtime';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { payload, quantile } from './bench-support';
import { EmmettPgStore, loadEmmettDumbo, loadEmmettPg } from './emmett-pg.loader';
import { ContenderId, durabilityOf, openEmmett, openOurs, RunTarget, takeLease } from './pg-contenders';
import { monotonicMs, pause } from './pg-lag-clock';
import type { WriterOpen, WriterReply, WriterStart } from './pg-lag-writer.child';
import { RunTargets } from './pg-run-targets';

/**
 * Who writes and who reads in a subscriber-lag run (4 writers in every setup):
 * - `poll`: 4 writer processes, each with its own connection (ours: PgSyncDatabase or SQLite;
 *   Emmett: its getPostgreSQLEventStore pool), and in this process one reader connection running the
 *   same loop for every store: read the next page (up to 500 events) after the last position seen,
 *   again at once when the page was not empty, after `pollMs` when it was. Ours reads on PostgreSQL
 *   with `PgLogReader.readAfter` (the reader a standby follows the active instance with: pg in the
 *   event loop, one awaited query a page), on SQLite with the store's `readAll`; Emmett with
 *   `readMessagesBatch` (the read its consumers poll with).
 * - `emmett-consumer`: the same Emmett writer processes; the reader is Emmett's own subscriber, a
 *   `postgreSQLEventStoreConsumer` with one reactor, at its defaults (pages of 100; after a page it
 *   waits 50 ms when more are left, else 100 ms doubling up to 1 s; a checkpoint per message).
 * - `dispatcher`: our product's shape (one active trader per account): 4 writer tasks in this
 *   process appending through the runtime's one connection (`EventStoreRuntime.publishing`), the
 *   reader a subscriber on the critical lane of the runtime's dispatcher (notified at commit).
 */
export type LagSetup = { readonly reader: 'poll'; readonly contender: ContenderId } | { readonly reader: 'emmett-consumer' } | { readonly reader: 'dispatcher'; readonly contender: ContenderId };

export interface LagSizes {
  /** Appends per writer per run, one event each. */
  readonly perWriter: number;
  /** Each writer appends every `intervalMs` (its appends awaited one after the other). */
  readonly intervalMs: number;
  readonly pollMs: number;
}

export interface LagFigure {
  readonly setup: LagSetup;
  /** Events written per run (all writers). */
  readonly events: number;
  /** Median over the timed rounds of the rate the writers achieved (events / time to the last acknowledgement). */
  readonly writtenEps: number;
  /** Time from an append's acknowledgement to the reader seeing its event, pooled over the timed rounds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Over the timed rounds: acknowledged events the reader never saw, events it saw twice. */
  readonly missed: number;
  readonly duplicates: number;
  readonly rounds: number;
}

const writerCount = 4;

export function lagSetupKey(setup: LagSetup): string {
  return setup.reader === 'emmett-consumer' ? 'emmett-consumer' : `${setup.reader}:${setup.contender}`;
}

/**
 * Workload (c) of `--pg`: subscriber lag while 4 writers append concurrently, each on the same fixed
 * schedule for every setup (the same offered load). Lag is the reader's "seen" time minus the writer's
 * acknowledgement time of the same event, both on the machine's monotonic clock (the writers may be
 * other processes). Events the reader never saw or saw twice are counted, not timed (Emmett's read
 * can pass an event for good: see `pollingReader`). One untimed warm-up
 * run per setup, then `rounds` rounds, the order reversed every other round.
 */
export async function pgLag(setups: readonly LagSetup[], sizes: LagSizes, targets: RunTargets, log: (line: string) => void, rounds = 3): Promise<LagFigure[]> {
  const writers = await WriterProcesses.start(writerCount);
  try {
    const lags = new Map<string, number[]>(setups.map((s) => [lagSetupKey(s), []]));
    const rates = new Map<string, number[]>(setups.map((s) => [lagSetupKey(s), []]));
    const faults = new Map<string, { missed: number; duplicates: number }>(setups.map((s) => [lagSetupKey(s), { missed: 0, duplicates: 0 }]));
    const warmUp = { ...sizes, perWriter: Math.max(10, Math.floor(sizes.perWriter / 5)) };
    for (const setup of setups) await lagRun(setup, warmUp, targets, writers);
    log('pg subscriber lag: warm-up done');
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) {
        const run = await lagRun(setup, sizes, targets, writers);
        const pooled = lags.get(lagSetupKey(setup)) as number[];
        for (const l of run.lags) pooled.push(l);
        (rates.get(lagSetupKey(setup)) as number[]).push(run.writtenEps);
        const fault = faults.get(lagSetupKey(setup)) as { missed: number; duplicates: number };
        fault.missed += run.missed;
        fault.duplicates += run.duplicates;
      }
      log(`pg subscriber lag: round ${round + 1} of ${rounds} done`);
    }
    return setups.map((setup) => {
      const pooled = lags.get(lagSetupKey(setup)) as number[];
      return {
        setup,
        events: sizes.perWriter * writerCount,
        writtenEps: quantile(rates.get(lagSetupKey(setup)) as number[], 0.5),
        p50Ms: quantile(pooled, 0.5),
        p99Ms: quantile(pooled, 0.99),
        maxMs: pooled.reduce((max, l) => Math.max(max, l), Number.NEGATIVE_INFINITY),
        ...(faults.get(lagSetupKey(setup)) as { missed: number; duplicates: number }),
        rounds,
      };
    });
  } finally {
    await writers.close();
  }
}

interface LagRun {
  /** Per event seen: seen minus acknowledged, ms. */
  readonly lags: number[];
  readonly writtenEps: number;
  /** Acknowledged events the reader never saw, and events it saw more than once. */
  readonly missed: number;
  readonly duplicates: number;
}

/** What the reader saw: the first time each position was seen, and positions seen more than once. */
class Sightings {
  readonly at = new Map<number, number>();
  duplicates = 0;

  see(position: number, atMs: number): void {
    if (this.at.has(position)) this.duplicates += 1;
    else this.at.set(position, atMs);
  }
}

interface Reader {
  stop(): Promise<void>;
}

async function lagRun(setup: LagSetup, sizes: LagSizes, targets: RunTargets, writers: WriterProcesses): Promise<LagRun> {
  const contender = setup.reader === 'emmett-consumer' ? 'emmett-pg' : setup.contender;
  const target = targets.fresh(contender);
  try {
    const seen = new Sightings();
    let reader: Reader;
    let acks: Array<[number, number]>;
    let startAtMs: number;
    if (setup.reader === 'dispatcher') {
      const run = await inProcess(contender, target, sizes, seen);
      ({ acks, startAtMs, reader } = run);
    } else {
      // The reader opens first: it creates the schema (ours: migrations; Emmett: `migrate`).
      reader = setup.reader === 'poll' ? await pollingReader(target, sizes.pollMs, seen) : await emmettConsumer(target, seen);
      await writers.open(contender, target);
      startAtMs = monotonicMs() + 20;
      acks = await writers.run({ appends: sizes.perWriter, intervalMs: sizes.intervalMs, startAtMs });
    }
    try {
      await waitForReader(seen, acks.length);
    } finally {
      await reader.stop();
    }
    const lags: number[] = [];
    let missed = 0;
    for (const [position, ackMs] of acks) {
      const at = seen.at.get(position);
      if (at === undefined) missed += 1;
      else lags.push(at - ackMs);
    }
    const lastAck = acks.reduce((max, [, ackMs]) => Math.max(max, ackMs), startAtMs);
    return { lags, writtenEps: acks.length / ((lastAck - startAtMs) / 1_000), missed, duplicates: seen.duplicates };
  } finally {
    targets.release(target);
  }
}

async function pollingReader(target: RunTarget, pollMs: number, seen: Sightings): Promise<Reader> {
  // `page`: the positions read, in the store's order; `fresh`: those not handed on before.
  let read: (after: number) => Promise<{ page: number[]; fresh: number[] }>;
  let close: () => Promise<void>;
  if (target.store === 'emmett-pg') {
    // Emmett's schema first (its store's `migrate`), then a pool of its own for the reads.
    await (await openEmmett(target.url)).close();
    const emmett = loadEmmettPg();
    const pool = loadEmmettDumbo().dumbo({ connectionString: target.url });
    // Emmett orders a page by transaction id, then position, and its puller continues after the page's
    // last message: a page can end below a position it already returned, so the next one returns it
    // again (its consumer does not hand those on twice; neither does this loop). And a transaction that
    // took a lower position than one with an older transaction id, and commits after the reader went
    // past that one, is never read: that event is missed for good, by Emmett's consumer as by this loop.
    const delivered = new Set<number>();
    read = async (after) => {
      const page = (await emmett.readMessagesBatch(pool.execute, { after: BigInt(after), batchSize: 500 })).messages.map((m) => Number(m.metadata.globalPosition));
      const fresh = page.filter((position) => !delivered.has(position));
      for (const position of fresh) delivered.add(position);
      return { page, fresh };
    };
    close = () => pool.close();
  } else if (target.store === 'ours-pg') {
    // Our schema first (the migrations, on the store's own connection), then the reader a process
    // following another one's appends uses (a standby does): PgLogReader, pg in this event loop.
    openOurs(target).db.close();
    const reader = await PgLogReader.open(target.databaseUrl, { schema: accountSchema(target.account), schemas: new EventSchemaRegistry(), answerTimeoutMs: 30_000 });
    read = async (after) => {
      const page = (await reader.readAfter(after, 500)).map((e) => e.position);
      return { page, fresh: page };
    };
    close = () => reader.close();
  } else {
    const { db, store } = openOurs(target);
    read = async (after) => {
      const page = Array.from(store.readAll(after + 1, 500), (e) => e.position);
      return { page, fresh: page };
    };
    close = async () => void db.close();
  }
  let stopped = false;
  const loop = (async (): Promise<void> => {
    let after = 0;
    while (!stopped) {
      const { page, fresh } = await read(after);
      const now = monotonicMs();
      for (const position of fresh) seen.see(position, now);
      if (page.length > 0) after = page[page.length - 1] as number;
      else await pause(pollMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      await close();
    },
  };
}

async function emmettConsumer(target: RunTarget, seen: Sightings): Promise<Reader> {
  if (target.store !== 'emmett-pg') throw new Error('the Emmett consumer reads an Emmett store');
  const store: EmmettPgStore = await openEmmett(target.url);
  const consumer = store.consumer();
  consumer.reactor({
    processorId: 'bench-lag',
    startFrom: 'BEGINNING',
    eachMessage: async (event) => seen.see(Number(event.metadata.globalPosition), monotonicMs()),
  });
  const running = consumer.start();
  return {
    stop: async () => {
      await consumer.stop();
      await running;
      await store.close();
    },
  };
}

/** The `dispatcher` setup: the runtime, a subscriber on its critical lane, 4 writer tasks beside it. */
async function inProcess(contender: ContenderId, target: RunTarget, sizes: LagSizes, seen: Sightings): Promise<{ acks: Array<[number, number]>; startAtMs: number; reader: Reader }> {
  if (target.store === 'emmett-pg' || target.store === 'floor-pg') throw new Error('the dispatcher setup runs our store');
  const clock = new SystemClock();
  const tasks = new TaskManager(clock, silentLogger);
  // The product's shape: the one active process of the account, holding its lease.
  const lease = target.store === 'ours-pg' ? takeLease(target) : undefined;
  const runtime = new EventStoreRuntime(target.store === 'ours-pg' ? { path: target.databaseUrl, account: target.account, clock, tasks, lease } : { path: target.file, clock, tasks });
  const reader: Reader = {
    stop: async () => {
      await runtime.stop();
      await tasks.shutdown(1_000);
      lease?.release();
    },
  };
  try {
    runtime.addSubscriber({ name: 'bench-lag', lane: 'critical-trading', handle: async (event) => seen.see(event.position, monotonicMs()) });
    // The acknowledgement is the commit as this process learns it: the store hands the committed events
    // to the dispatcher right then, before the append's promise settles (SQLite commits inside the
    // append call, PostgreSQL on the store's append connection). Stamped there, as the dispatcher gets
    // them: the writer's `await` resumes later, after whatever else the event loop runs first (the
    // lanes, this subscriber included), which is not the store's doing.
    const committedAt = new Map<number, number>();
    runtime.publishing.publishThrough((committed) => {
      const now = monotonicMs();
      for (const event of committed) committedAt.set(event.position, now);
      runtime.dispatcher.deliver(committed);
    });
    runtime.start();
    const durability = durabilityOf(contender);
    const options = durability ? { durability } : undefined;
    const startAtMs = monotonicMs() + 20;
    const writer = async (w: number): Promise<Array<[number, number]>> => {
      const acks: Array<[number, number]> = [];
      for (let k = 0; k < sizes.perWriter; k += 1) {
        await pause(startAtMs + (w * sizes.intervalMs) / 4 + k * sizes.intervalMs - monotonicMs());
        const appended = await runtime.publishing.append(`s-${w}-${k % 250}`, 'any', [{ eventId: randomUUID(), type: 'OrderPlaced', data: payload(k) }], options);
        acks.push([appended.lastPosition, committedAt.get(appended.lastPosition) as number]);
      }
      return acks;
    };
    const acks = (await Promise.all(Array.from({ length: writerCount }, (_, w) => writer(w)))).flat();
    return { acks, startAtMs, reader };
  } catch (error) {
    await reader.stop();
    throw error;
  }
}

/**
 * Waits until the reader has seen `expected` events, or has seen nothing new for 3 s (longer than
 * the longest wait of Emmett's consumer between two polls): then the events it has not seen, it
 * never will.
 */
async function waitForReader(seen: Sightings, expected: number): Promise<void> {
  let count = seen.at.size;
  let progressAt = monotonicMs();
  while (seen.at.size < expected && monotonicMs() - progressAt < 3_000) {
    await pause(2);
    if (seen.at.size !== count) {
      count = seen.at.size;
      progressAt = monotonicMs();
    }
  }
}

/** The 4 writer processes, started once per `--pg` run and given one run after the other. */
class WriterProcesses {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number): Promise<WriterProcesses> {
    const script = join(__dirname, 'pg-lag-writer.child.ts');
    // Same loaders as this process (swc, tsconfig paths); the children's stdout goes to stderr, the
    // table's stream stays clean.
    const children = Array.from({ length: count }, () => fork(script, [], { execArgv: process.execArgv, stdio: ['ignore', 2, 2, 'ipc'] }));
    return new WriterProcesses(children);
  }

  async open(contender: ContenderId, target: RunTarget): Promise<void> {
    await Promise.all(this.children.map((child, writer) => request(child, { kind: 'open', contender, target, writer })));
  }

  async run(start: Omit<WriterStart, 'kind'>): Promise<Array<[number, number]>> {
    const replies = await Promise.all(this.children.map((child) => request(child, { kind: 'start', ...start })));
    return replies.flatMap((reply) => (reply.kind === 'acks' ? reply.acks : []));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || !child.connected) return resolve();
            child.once('exit', () => resolve());
            child.send({ kind: 'exit' });
          }),
      ),
    );
  }
}

function request(child: ChildProcess, message: WriterOpen | WriterStart): Promise<WriterReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`a lag writer process exited (${code}) during a run`));
    child.once('exit', onExit);
    child.once('message', (reply: WriterReply) => {
      child.off('exit', onExit);
      if (reply.kind === 'failed') reject(new Error(`a lag writer failed: ${reply.error}`));
      else resolve(reply);
    });
    child.send(message);
  });
}
