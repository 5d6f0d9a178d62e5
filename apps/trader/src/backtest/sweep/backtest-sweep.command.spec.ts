import { basicSevenRulesStrategy } from '@trader/domain';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliOutput } from '../../cli/cli-output';
import { CliUsageError } from '../../cli/cli-output';
import { MINUTE, testRiskLimits, writeSyntheticCandleStore } from '../../test-support/synthetic-candle-store';
import type { BacktestJob } from '../worker/backtest-job';
import { backtestSweepCommand } from './backtest-sweep.command';
import type { SweepFlags } from './backtest-sweep.command';

const T0 = Date.UTC(2026, 0, 1);
const DAYS = 3;

describe('trader backtest --param (sweep in worker threads)', () => {
  let dir: string;
  let job: BacktestJob;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trader-sweep-'));
    const historyPath = join(dir, 'candles.sqlite');
    await writeSyntheticCandleStore(historyPath, T0 - 300 * MINUTE, DAYS * 1440 + 300);
    job = {
      strategy: basicSevenRulesStrategy(),
      markets: ['KRW-BTC'],
      from: T0,
      to: T0 + DAYS * 1440 * MINUTE,
      initialQuote: '10000000',
      feeRate: '0.0005',
      slippageBps: 5,
      risk: testRiskLimits,
      source: 'candles',
      historyPath,
    };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function sweep(flags: Partial<SweepFlags>): Promise<{ out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const output: CliOutput = { out: (line) => out.push(line), err: (line) => err.push(line) };
    await backtestSweepCommand(job, { params: [], rankBy: undefined, walkForward: undefined, workers: undefined, out: undefined, ...flags }, output);
    return { out, err };
  }

  const params = ['rsi.period=8:14:6', 'rsi-oversold-entry.value=30:40:10'];

  it('ranks the grid the same way twice and with 1 or 2 workers', async () => {
    const twoWorkers = await sweep({ params, workers: '2', rankBy: 'total_return' });
    const again = await sweep({ params, workers: '2', rankBy: 'total_return' });
    const oneWorker = await sweep({ params, workers: '1', rankBy: 'total_return' });

    expect(again.out).toEqual(twoWorkers.out);
    expect(oneWorker.out).toEqual(twoWorkers.out);
    const rows = (twoWorkers.out[0] as string).split('\n').slice(3);
    expect(rows).toHaveLength(4);
    const returns = rows.map((row) => Number(/(-?\d+\.\d+)%/.exec(row)?.[1]));
    expect(returns).toEqual([...returns].sort((a, b) => b - a));
    // The parameters reach the strategy: the grid's points do not all trade alike.
    const digests = new Set(rows.map((row) => row.trim().split(/\s+/).at(-1)));
    expect(digests.size).toBeGreaterThan(1);
    expect(rows.map((row) => /rsi\.period=\d+ rsi-oversold-entry\.value=\d+/.test(row))).toEqual([true, true, true, true]);
  }, 120_000);

  it('writes sweep.json with the ranked runs', async () => {
    const out = join(dir, 'out');
    await sweep({ params: ['add-on-profit.stepPercent=3:5:2'], out, rankBy: 'max_drawdown' });

    const json = JSON.parse(await readFile(join(out, 'sweep.json'), 'utf8')) as { kind: string; rankBy: string; runs: { rank: number; params: Record<string, number>; maxDrawdownPct: number }[] };
    expect(json.kind).toBe('sweep');
    expect(json.rankBy).toBe('max_drawdown');
    expect(json.runs.map((r) => r.params['add-on-profit.stepPercent']).sort()).toEqual([3, 5]);
    expect(json.runs[0]?.maxDrawdownPct).toBeLessThanOrEqual(json.runs[1]?.maxDrawdownPct as number);
  }, 120_000);

  it('walks forward: in-sample and out-of-sample figures per window and the out-of-sample aggregate', async () => {
    const { out } = await sweep({ params: ['rsi.period=8:14:6'], walkForward: 'train=24h,test=24h' });

    const text = out.join('\n');
    expect(text).toMatch(/walk-forward: 2 windows/);
    expect(text.match(/^\s*\d+\s+train\s+2026-01-0[12] 00:00:00 \.\. 2026-01-0[23] 00:00:00\s+rsi\.period=(8|14)\s/gm)).toHaveLength(2);
    expect(text.match(/^\s+test\s+2026-01-0[23] 00:00:00 \.\. 2026-01-0[34] 00:00:00\s/gm)).toHaveLength(2);
    expect(text).toMatch(/out of sample: compounded return -?\d+\.\d+%/);
  }, 120_000);

  it('refuses a path that addresses nothing, naming it, before any run', async () => {
    await expect(sweep({ params: ['rsi.perod=8:14:2'] })).rejects.toThrow(new CliUsageError('--param rsi.perod: rsi has no parameter "perod" (it takes period)'));
    await expect(sweep({ params: ['nothing.period=8:14:2'] })).rejects.toThrow(/--param nothing\.period: "nothing" is not a trigger id/);
    await expect(sweep({ params: ['rsi.period=8:14:2'], walkForward: 'train=3d,test=1d' })).rejects.toThrow(/does not fit the range/);
  });
});
