import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ensureEmmettPgInstalled } from './emmett-pg.loader';
import { AppendFigures, pgAppends } from './pg-appends.workload';
import { PgBenchDatabases } from './pg-bench-database';
import { ContenderId, contenderLabels } from './pg-contenders';
import { LagFigure, LagSetup, lagSetupKey, pgLag } from './pg-lag.workload';
import { RunTargets } from './pg-run-targets';

export interface Row {
  workload: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const appendContenders: readonly ContenderId[] = ['ours-pg-full', 'emmett-pg', 'ours-pg-default', 'ours-sqlite-full', 'ours-sqlite-normal', 'floor-pg'];

const lagSetups: readonly LagSetup[] = [
  { reader: 'poll', contender: 'ours-pg-full' },
  { reader: 'poll', contender: 'emmett-pg' },
  { reader: 'poll', contender: 'ours-pg-default' },
  { reader: 'poll', contender: 'ours-sqlite-normal' },
  { reader: 'emmett-consumer' },
  { reader: 'dispatcher', contender: 'ours-pg-full' },
  { reader: 'dispatcher', contender: 'ours-pg-default' },
  { reader: 'dispatcher', contender: 'ours-sqlite-normal' },
];

/**
 * `npm run bench:event-store -- --pg` (with `--quick`: smaller runs): our PostgreSQL store against
 * @event-driven-io/emmett-postgresql 0.42.0 at equal durability (and at our default, labelled), and
 * against our SQLite store, on (a) batched appends, (b) single appends and their p99, (c) subscriber
 * lag p99 with 4 concurrent writers. Prints one table (ratios: above 1 means ahead of Emmett) and one
 * machine-readable line.
 */
export async function runPgComparison(quick: boolean, print: (line: string) => void): Promise<{ rows: Row[]; line: string }> {
  const started = performance.now();
  const log = (line: string): void => print(`[${((performance.now() - started) / 1_000).toFixed(0)} s] ${line}`);
  const sizes = quick
    ? { batched: 20_000, single: 1_000, lag: { perWriter: 40, intervalMs: 40, pollMs: 2 } }
    : { batched: 100_000, single: 5_000, lag: { perWriter: 250, intervalMs: 40, pollMs: 2 } };
  ensureEmmettPgInstalled(log);
  const databases = new PgBenchDatabases();
  const server = databases.serverInfo();
  log(`running the PostgreSQL comparison (${quick ? 'quick' : 'full'}) on PostgreSQL ${server.version}, server synchronous_commit=${server.synchronousCommit}, load average ${loadavg()[0].toFixed(2)} ...`);
  const targets = new RunTargets(databases);
  // Interrupted (Ctrl-C, a timeout of `npm run bench`): the databases are dropped all the same.
  const interrupted = (signal: NodeJS.Signals): void => {
    targets.close();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let appends: AppendFigures[];
  let lags: LagFigure[];
  try {
    appends = await pgAppends(appendContenders, sizes, targets, log);
    lags = await pgLag(lagSetups, sizes.lag, targets, log);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    targets.close();
  }
  log(`done, load average ${loadavg()[0].toFixed(2)}`);
  return render(appends, lags, sizes, server.synchronousCommit);
}

function render(
  appends: readonly AppendFigures[],
  lags: readonly LagFigure[],
  sizes: { batched: number; single: number; lag: { perWriter: number; intervalMs: number; pollMs: number } },
  serverSync: string,
): { rows: Row[]; line: string } {
  const of = (contender: ContenderId): AppendFigures => appends.find((a) => a.contender === contender) as AppendFigures;
  const lagOf = (setup: LagSetup): LagFigure => lags.find((l) => lagSetupKey(l.setup) === lagSetupKey(setup)) as LagFigure;
  const emmett = of('emmett-pg');
  const label = (contender: ContenderId): string => (contender === 'emmett-pg' ? `${contenderLabels[contender]} (server synchronous_commit=${serverSync})` : contenderLabels[contender]);
  // Our PostgreSQL store appending from one process holds the account's lease, as a trader does.
  const leased = (contender: ContenderId): string => (contender === 'ours-pg-full' || contender === 'ours-pg-default' ? ', holding the account lease (fenced appends, as a trader)' : '');
  const rows: Row[] = [];
  // Ratios: events/s ours / Emmett's; latencies Emmett's / ours. Above 1, ours is ahead.
  const ahead = (ours: number, theirs: number): string => (ours / theirs).toFixed(2);
  const full = of('ours-pg-full');
  const floor = of('floor-pg');
  // The floor's rows compare the two stores at equal durability with it: the share of the floor's rate each keeps.
  const againstFloor = (pick: (a: AppendFigures) => number, digits = 0): Pick<Row, 'baseline' | 'ratio'> => ({
    baseline: `ours PG full ${fmt(pick(full), digits)} / emmett ${fmt(pick(emmett), digits)}`,
    ratio: `${(pick(full) / pick(floor)).toFixed(2)} / ${(pick(emmett) / pick(floor)).toFixed(2)}`,
  });
  for (const a of appends) {
    const isEmmett = a.contender === 'emmett-pg';
    const isFloor = a.contender === 'floor-pg';
    rows.push({
      workload: `a ${label(a.contender)}${leased(a.contender)}: 1000 ev per append, 1,000 streams (${fmt(sizes.batched)} ev, median of ${a.rounds})`,
      figure: 'events/s',
      value: fmt(a.batchedEps),
      ...(isFloor ? againstFloor((f) => f.batchedEps) : { baseline: isEmmett ? '-' : `emmett ${fmt(emmett.batchedEps)}`, ratio: isEmmett ? '-' : ahead(a.batchedEps, emmett.batchedEps) }),
    });
  }
  for (const a of appends) {
    const isEmmett = a.contender === 'emmett-pg';
    const isFloor = a.contender === 'floor-pg';
    rows.push({
      workload: `b ${label(a.contender)}${leased(a.contender)}: 1 ev per append, awaited (${fmt(sizes.single)} appends, median of ${a.rounds})`,
      figure: 'events/s',
      value: fmt(a.singleEps),
      ...(isFloor ? againstFloor((f) => f.singleEps) : { baseline: isEmmett ? '-' : `emmett ${fmt(emmett.singleEps)}`, ratio: isEmmett ? '-' : ahead(a.singleEps, emmett.singleEps) }),
    });
    rows.push({
      workload: `b ${label(a.contender)}${leased(a.contender)}: 1 ev per append (latency pooled over ${a.rounds} rounds)`,
      figure: 'p50 / p99 ms',
      value: `${fmt(a.singleP50Ms, 3)} / ${fmt(a.singleP99Ms, 3)}`,
      // Against the floor, latencies as rates: the floor's p99 / each store's.
      ...(isFloor
        ? { baseline: `p99 ours PG full ${fmt(full.singleP99Ms, 3)} / emmett ${fmt(emmett.singleP99Ms, 3)}`, ratio: `${(floor.singleP99Ms / full.singleP99Ms).toFixed(2)} / ${(floor.singleP99Ms / emmett.singleP99Ms).toFixed(2)}` }
        : { baseline: isEmmett ? '-' : `emmett p99 ${fmt(emmett.singleP99Ms, 3)}`, ratio: isEmmett ? '-' : ahead(emmett.singleP99Ms, a.singleP99Ms) }),
    });
  }
  const emmettPoll = lagOf({ reader: 'poll', contender: 'emmett-pg' });
  const emmettConsumer = lagOf({ reader: 'emmett-consumer' });
  const offered = `4 writers x ${fmt(1_000 / sizes.lag.intervalMs)}/s, ${fmt(sizes.lag.perWriter * 4)} ev`;
  for (const l of lags) {
    const { setup } = l;
    let workload: string;
    let baseline: LagFigure | undefined;
    if (setup.reader === 'poll') {
      workload = `c ${label(setup.contender)}: 4 writer processes (own connection each), reader in the bench process polling ${setup.contender === 'emmett-pg' ? 'readMessagesBatch' : setup.contender === 'ours-sqlite-normal' ? 'readAll' : 'PgLogReader.readAfter'} (next page at once, else after ${sizes.lag.pollMs} ms)`;
      baseline = setup.contender === 'emmett-pg' ? undefined : emmettPoll;
    } else if (setup.reader === 'emmett-consumer') {
      workload = `c ${label('emmett-pg')}: 4 writer processes, its postgreSQLEventStoreConsumer + reactor at defaults (pages of 100, 50-1000 ms waits)`;
      baseline = undefined;
    } else {
      workload = `c ${label(setup.contender)}${leased(setup.contender)}: 4 writer tasks in one process on the runtime's connection, subscriber on the dispatcher's critical lane`;
      baseline = emmettConsumer;
    }
    rows.push({
      workload: `${workload} (${offered}; written at ${fmt(l.writtenEps)} ev/s; pooled over ${l.rounds} rounds; of ${fmt(l.events * l.rounds)} never seen ${fmt(l.missed)}, seen twice ${fmt(l.duplicates)})`,
      figure: 'lag p50 / p99 / max ms',
      value: `${fmt(l.p50Ms, 2)} / ${fmt(l.p99Ms, 2)} / ${fmt(l.maxMs, 1)}`,
      baseline: baseline ? `${baseline === emmettConsumer ? 'emmett consumer' : 'emmett same loop'} p99 ${fmt(baseline.p99Ms, 2)}` : '-',
      ratio: baseline ? ahead(baseline.p99Ms, l.p99Ms) : '-',
    });
  }
  const normal = of('ours-pg-default');
  const ratiosOf = (contender: ContenderId): number[] => {
    const a = of(contender);
    return [
      a.batchedEps / emmett.batchedEps,
      a.singleEps / emmett.singleEps,
      emmett.singleP99Ms / a.singleP99Ms,
      emmettPoll.p99Ms / lagOf({ reader: 'poll', contender }).p99Ms,
      emmettConsumer.p99Ms / lagOf({ reader: 'dispatcher', contender }).p99Ms,
    ];
  };
  const line = [
    `pg_batched_eps=${Math.round(full.batchedEps)}`,
    `pg_single_eps=${Math.round(full.singleEps)}`,
    `pg_single_p99_ms=${full.singleP99Ms.toFixed(3)}`,
    `pg_lag_p99_ms=${lagOf({ reader: 'poll', contender: 'ours-pg-full' }).p99Ms.toFixed(2)}`,
    `pg_dispatcher_lag_p99_ms=${lagOf({ reader: 'dispatcher', contender: 'ours-pg-full' }).p99Ms.toFixed(2)}`,
    `pg_default_batched_eps=${Math.round(normal.batchedEps)}`,
    `pg_default_single_eps=${Math.round(normal.singleEps)}`,
    `pg_default_single_p99_ms=${normal.singleP99Ms.toFixed(3)}`,
    `emmett_pg_batched_eps=${Math.round(emmett.batchedEps)}`,
    `emmett_pg_single_eps=${Math.round(emmett.singleEps)}`,
    `emmett_pg_single_p99_ms=${emmett.singleP99Ms.toFixed(3)}`,
    `emmett_pg_lag_p99_ms=${emmettPoll.p99Ms.toFixed(2)}`,
    `emmett_pg_consumer_lag_p99_ms=${emmettConsumer.p99Ms.toFixed(2)}`,
    `pg_lag_unseen_or_twice=${lags.filter((l) => l.setup.reader !== 'emmett-consumer' && (l.setup.contender === 'ours-pg-full' || l.setup.contender === 'ours-pg-default')).reduce((n, l) => n + l.missed + l.duplicates, 0)}`,
    `emmett_pg_lag_unseen_or_twice=${emmettPoll.missed + emmettPoll.duplicates + emmettConsumer.missed + emmettConsumer.duplicates}`,
    `floor_pg_batched_eps=${Math.round(floor.batchedEps)}`,
    `floor_pg_single_eps=${Math.round(floor.singleEps)}`,
    `floor_pg_single_p99_ms=${floor.singleP99Ms.toFixed(3)}`,
    `pg_single_of_floor=${(full.singleEps / floor.singleEps).toFixed(2)}`,
    `emmett_pg_single_of_floor=${(emmett.singleEps / floor.singleEps).toFixed(2)}`,
    `sqlite_batched_eps=${Math.round(of('ours-sqlite-normal').batchedEps)}`,
    `sqlite_single_eps=${Math.round(of('ours-sqlite-normal').singleEps)}`,
    `vs_emmett_pg_min=${Math.min(...ratiosOf('ours-pg-full')).toFixed(2)}`,
    `vs_emmett_pg_default_min=${Math.min(...ratiosOf('ours-pg-default')).toFixed(2)}`,
  ].join(' ');
  return { rows, line };
}
