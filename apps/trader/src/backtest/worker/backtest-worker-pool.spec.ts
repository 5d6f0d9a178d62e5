import { basicSevenRulesStrategy } from '@trader/domain';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINUTE, testRiskLimits, writeSyntheticCandleStore } from '../../test-support/synthetic-candle-store';
import type { BacktestJob } from './backtest-job';
import { BacktestJobFailedError, BacktestPoolClosedError } from './backtest-job.errors';
import { BacktestWorkerPool } from './backtest-worker-pool';

const T0 = Date.UTC(2026, 0, 1);

describe('BacktestWorkerPool', () => {
  let dir: string;
  let job: BacktestJob;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trader-pool-'));
    const historyPath = join(dir, 'candles.sqlite');
    await writeSyntheticCandleStore(historyPath, T0 - 300 * MINUTE, 1440 + 300);
    job = {
      strategy: basicSevenRulesStrategy(),
      markets: ['KRW-BTC'],
      from: T0,
      to: T0 + 1440 * MINUTE,
      initialQuote: '10000000',
      feeRate: '0.0005',
      slippageBps: 5,
      risk: testRiskLimits,
      source: 'candles',
      historyPath,
      progressEvery: 500,
    };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a failed job with its reason and runs the next job on the same pool', async () => {
    const pool = new BacktestWorkerPool({ size: 1 });
    try {
      const missing = join(dir, 'no-such.sqlite');
      const failure = pool.run({ ...job, historyPath: missing });
      const progress: number[] = [];
      let started = false;
      const next = pool.run(job, { onStart: () => (started = true), onProgress: (p) => progress.push(p.processed) });

      await expect(failure).rejects.toThrow(new BacktestJobFailedError(`the candle store ${missing} does not exist (download candles first: trader data download)`, 'BacktestHistoryMissingError'));
      const result = await next;
      expect(result.report.run.markets).toEqual(['KRW-BTC']);
      expect(result.report.tradesSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(result.run).toBeNull();
      expect(started).toBe(true);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('fails queued jobs when closed and refuses new ones', async () => {
    const pool = new BacktestWorkerPool({ size: 1 });
    const running = expect(pool.run(job)).rejects.toBeInstanceOf(BacktestPoolClosedError);
    const queued = expect(pool.run(job)).rejects.toBeInstanceOf(BacktestPoolClosedError);
    await pool.close();

    await running;
    await queued;
    await expect(pool.run(job)).rejects.toBeInstanceOf(BacktestPoolClosedError);
  }, 60_000);
});
