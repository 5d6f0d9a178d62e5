import { GetStrategy } from '@trader/application';
import type { BacktestReport, BacktestRun, StoredEvent } from '@trader/application';
import { SqliteEventStore } from '@trader/events';
import Sqlite from 'better-sqlite3';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { basicSevenRulesStrategy, validateStrategyDefinition } from '@trader/domain';
import type { Clock, StrategyDefinition } from '@trader/domain';
import { CLOCK, TaskManager } from '@trader/runtime';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { BehaviorSubject, concat, filter, Observable, of } from 'rxjs';
import { availableParallelism } from 'node:os';
import { BacktestWorkerPool } from '../../backtest/worker/backtest-worker-pool';
import type { BacktestJob } from '../../backtest/worker/backtest-job';
import { backtestSummary } from '../../backtest/backtest-summary';
import type { BacktestEquityView, BacktestJobStatus, BacktestJobView } from './backtest-job-view';
import { BacktestNotDoneError, BacktestNotFoundError, InvalidBacktestRequestError } from './backtest.errors';
import type { BacktestsOptions } from './backtests-options';
import { BACKTESTS_OPTIONS } from './backtests.tokens';
import type { RunBacktestRequestDto } from './run-backtest.request.dto';

/** The job's outcome, or a rejection as soon as the task is aborted (the trader shuts down; the pool's threads are terminated then). */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('the trader shut down before the backtest ended'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Finished jobs kept in memory; past it the oldest finished job is forgotten. */
export const MAX_KEPT_BACKTESTS = 100;

interface BacktestJobRecord {
  readonly id: string;
  readonly job: BacktestJob;
  readonly submittedAt: number;
  status: BacktestJobStatus;
  processed: number;
  at: number | null;
  error: string | null;
  report: BacktestReport | null;
  run: BacktestRun | null;
  /** Every change of the job's view, for the live progress stream; completes when the job ends. */
  readonly changes: BehaviorSubject<BacktestJobView | null>;
}

/**
 * The trader's backtests: each runs in the worker pool, never on the trading loop's thread, under a
 * TaskManager task (so shutdown waits for it or aborts it). Jobs and their reports live in memory only
 * (docs/backtesting.md, "Admin API"); a backtest writes nothing to the trader's event store (its own
 * store is SQLite's temporary database).
 */
@Injectable()
export class BacktestJobs implements OnModuleDestroy {
  private readonly pool: BacktestWorkerPool;
  private readonly jobs = new Map<string, BacktestJobRecord>();

  constructor(
    @Inject(BACKTESTS_OPTIONS) private readonly options: BacktestsOptions,
    private readonly tasks: TaskManager,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.pool = new BacktestWorkerPool({ size: options.workers ?? Math.max(1, availableParallelism() - 1) });
  }

  async submit(request: RunBacktestRequestDto): Promise<BacktestJobView> {
    const from = Date.parse(request.from);
    const to = Date.parse(request.to);
    if (from >= to) throw new InvalidBacktestRequestError('to', `${request.to} is not after from ${request.from}`);
    const strategy = await this.strategy(request);
    const id = randomUUID();
    await mkdir(this.options.eventsDir, { recursive: true });
    const job: BacktestJob = {
      strategy,
      markets: request.markets,
      from,
      to,
      initialQuote: request.initialKrw ?? '10000000',
      feeRate: request.fee ?? '0.0005',
      slippageBps: request.slippageBps ?? 5,
      risk: this.options.risk,
      source: request.source ?? 'auto',
      historyPath: this.options.historyPath,
      keepEventsPath: join(this.options.eventsDir, `${id}.db`),
      includeRun: true,
      progressEvery: 10_000,
    };
    const record: BacktestJobRecord = {
      id,
      job,
      submittedAt: this.clock.now(),
      status: 'queued',
      processed: 0,
      at: null,
      error: null,
      report: null,
      run: null,
      changes: new BehaviorSubject<BacktestJobView | null>(null),
    };
    this.keep(record);
    // The answer describes the job as accepted; a free worker may take it before this returns.
    const accepted = this.view(record);
    this.tasks.run(`backtest-${record.id}`, 'backtests', async (signal) => {
      try {
        const result = await untilAborted(signal, this.pool.run(job, {
          onStart: () => {
            record.status = 'running';
            this.changed(record);
          },
          onProgress: (progress) => {
            record.processed = progress.processed;
            record.at = progress.at;
            this.changed(record);
          },
        }));
        record.report = result.report;
        record.run = result.run;
        record.processed = result.report.run.candlesProcessed;
        record.at = job.to;
        record.status = 'done';
      } catch (error) {
        // A failed backtest is an outcome of the job, reported by GET, not a failure of the trader.
        record.error = error instanceof Error ? error.message : String(error);
        record.status = 'failed';
      } finally {
        this.changed(record);
        record.changes.complete();
      }
    });
    return accepted;
  }

  get(id: string): BacktestJobView {
    return this.view(this.record(id));
  }

  /** Every job kept in memory, newest first. */
  list(): BacktestJobView[] {
    return [...this.jobs.values()].reverse().map((record) => this.view(record));
  }

  equity(id: string): BacktestEquityView {
    const { run } = this.report(id);
    return { intervalMs: run.equityIntervalMs, points: run.equity };
  }

  /** The job's view now and at every change (start, progress, end); completes once the job has ended. */
  live(id: string): Observable<BacktestJobView> {
    const record = this.record(id);
    const now = this.view(record);
    if (record.status === 'done' || record.status === 'failed') return of(now);
    return concat(of(now), record.changes.pipe(filter((view): view is BacktestJobView => view !== null)));
  }

  /** A page of the events a finished job's run recorded (read-only, from its kept event store). */
  events(id: string, from: number, limit: number): { events: StoredEvent[]; nextPosition: number | null } {
    const record = this.record(id);
    if (record.status !== 'done' || !record.job.keepEventsPath) throw new BacktestNotDoneError(id, record.status);
    const db = new Sqlite(record.job.keepEventsPath, { readonly: true, fileMustExist: true });
    try {
      const store = new SqliteEventStore(db, { clock: { now: () => 0 } });
      const events = [...store.readAll(from, limit + 1)];
      const more = events.length > limit;
      const page = more ? events.slice(0, limit) : events;
      return { events: page, nextPosition: more ? (events[limit] as StoredEvent).position : null };
    } finally {
      db.close();
    }
  }

  report(id: string): { report: BacktestReport; run: BacktestRun } {
    const record = this.record(id);
    if (record.status !== 'done' || !record.report || !record.run) throw new BacktestNotDoneError(id, record.status);
    return { report: record.report, run: record.run };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  private async strategy(request: RunBacktestRequestDto): Promise<StrategyDefinition> {
    if (request.strategy && request.strategyId) throw new InvalidBacktestRequestError('strategy', 'give strategyId or strategy, not both');
    if (request.strategy) return validateStrategyDefinition(request.strategy);
    const builtIn = basicSevenRulesStrategy();
    if (!request.strategyId || request.strategyId === builtIn.id) return builtIn;
    return this.queries.execute<GetStrategy, StrategyDefinition>(new GetStrategy(request.strategyId));
  }

  private record(id: string): BacktestJobRecord {
    const record = this.jobs.get(id);
    if (!record) throw new BacktestNotFoundError(id);
    return record;
  }

  private changed(record: BacktestJobRecord): void {
    record.changes.next(this.view(record));
  }

  private keep(record: BacktestJobRecord): void {
    this.jobs.set(record.id, record);
    if (this.jobs.size <= MAX_KEPT_BACKTESTS) return;
    const oldestFinished = [...this.jobs.values()].find((r) => r.status === 'done' || r.status === 'failed');
    if (!oldestFinished) return;
    this.jobs.delete(oldestFinished.id);
    this.tasks.forget(`backtest-${oldestFinished.id}`);
    const path = oldestFinished.job.keepEventsPath;
    if (path) void Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${path}${suffix}`, { force: true }))).catch(() => undefined);
  }

  private view(record: BacktestJobRecord): BacktestJobView {
    const { job } = record;
    const span = job.to - job.from;
    const percent = record.status === 'done' ? 100 : record.at === null ? 0 : Math.min(100, Math.round(((record.at - job.from) / span) * 1000) / 10);
    return {
      id: record.id,
      status: record.status,
      strategyId: job.strategy.id,
      markets: job.markets,
      from: new Date(job.from).toISOString(),
      to: new Date(job.to).toISOString(),
      submittedAt: new Date(record.submittedAt).toISOString(),
      progress: { processed: record.processed, at: record.at === null ? null : new Date(record.at).toISOString(), percent },
      error: record.error,
      summary: record.report ? backtestSummary(record.report) : null,
    };
  }
}
