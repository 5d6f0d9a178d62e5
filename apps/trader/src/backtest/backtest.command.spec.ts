import type { StoredCandle } from '@trader/application';
import { SqliteMarketHistory } from '@trader/market-history';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTraderConfig } from '../config/load-trader-config';
import { CliOutput } from '../cli/cli-output';
import { runCli } from '../cli/run-cli';
import { diffDecisions } from './replay-session';

const MIN = 60_000;
const FROM = Date.UTC(2026, 9, 1);

/** A seeded random walk of 1-minute candles with dips deep enough for RSI(14) < 30, from 300 minutes before FROM. */
function seededCandles(market: string, minutes: number, seed: number, start: number): StoredCandle[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const candles: StoredCandle[] = [];
  let price = 100_000;
  for (let i = 0; i < minutes; i += 1) {
    const open = price;
    const close = Math.max(1_000, Math.round((open * (1 + (random() - 0.5) * 0.012 + Math.sin(i / 90) * 0.002)) / 10) * 10);
    price = close;
    candles.push({ market, timeframe: '1m', start: start + i * MIN, open: String(open), high: String(Math.max(open, close) + 10), low: String(Math.min(open, close) - 10), close: String(close), volume: '1.5', value: String(close * 1.5) });
  }
  return candles;
}

function capture(): CliOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

describe('trader backtest', () => {
  let dir: string;
  let history: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtest-cli-'));
    history = join(dir, 'candles.sqlite');
    const store = await SqliteMarketHistory.open(history);
    store.saveCandles([...seededCandles('KRW-BTC', 3 * 1440 + 300, 11, FROM - 300 * MIN), ...seededCandles('KRW-ETH', 3 * 1440 + 300, 23, FROM - 300 * MIN)]);
    store.close();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({ TRADER_DB: join(dir, 'trader.db') });
  const args = (extra: string[] = []): string[] => ['backtest', '--from', '2026-10-01', '--to', '2026-10-04', '--markets', 'KRW-BTC,KRW-ETH', '--history', history, ...extra];

  it('prints the same report and trades sha256 on every run of the same inputs, and writes the report files', async () => {
    const first = capture();
    const second = capture();
    expect(await runCli(args(['--out', join(dir, 'a')]), env(), first, new AbortController().signal)).toBe(0);
    expect(await runCli(args(['--out', join(dir, 'b')]), env(), second, new AbortController().signal)).toBe(0);
    expect(second.lines).toEqual(first.lines);
    const report = first.lines.join('\n');
    expect(report).toMatch(/trades sha256 [0-9a-f]{64}/);
    expect(report).toMatch(/KRW-BTC/);
    const json = JSON.parse(await readFile(join(dir, 'a', 'report.json'), 'utf8')) as { run: { decisions: number }; metrics: { trades: { trades: number } } };
    expect(json.run.decisions).toBeGreaterThan(0);
    expect(json.metrics.trades.trades).toBeGreaterThan(0);
    expect((await readFile(join(dir, 'a', 'trades.csv'), 'utf8')).split('\n').length).toBeGreaterThan(json.metrics.trades.trades);
    expect(await readFile(join(dir, 'b', 'report.json'), 'utf8')).toBe(await readFile(join(dir, 'a', 'report.json'), 'utf8'));
    expect(await readFile(join(dir, 'b', 'report.html'), 'utf8')).toBe(await readFile(join(dir, 'a', 'report.html'), 'utf8'));
  }, 120_000);

  it('keeps the run\'s event store, which events tail --db prints: a decision followed to its fills', async () => {
    const kept = join(dir, 'run.db');
    expect(await runCli(args(['--keep-events', kept]), env(), capture(), new AbortController().signal)).toBe(0);
    const tail = capture();
    expect(await runCli(['events', 'tail', '--db', kept], env(), tail, new AbortController().signal)).toBe(0);
    const events = tail.lines.map((line) => JSON.parse(line) as { type: string; eventId: string; data: { orderId?: string | null; outcome?: string }; metadata?: { correlationId?: string } });
    const decision = events.find((e) => e.type === 'StrategyDecided' && e.data.outcome === 'order_requested');
    expect(decision).toBeDefined();
    const chain = events.filter((e) => e.metadata?.correlationId === decision?.eventId).map((e) => e.type);
    expect(chain).toEqual(expect.arrayContaining(['StrategyDecided', 'OrderSubmitted', 'OrderAccepted', 'OrderFilled']));
    // A second run never writes into an existing store.
    const refused = capture();
    expect(await runCli(args(['--keep-events', kept]), env(), refused, new AbortController().signal)).toBe(1);
    expect(refused.errors.join('\n')).toContain('the file exists');
  }, 120_000);

  it.each([
    [['backtest', '--from', '2026-10-01'], '--from and --to are required'],
    [['backtest', '--from', '2026-10-05', '--to', '2026-10-01'], '--from must be before --to'],
    [['backtest', '--from', 'yesterday', '--to', '2026-10-01'], '--from: "yesterday" is not a date'],
    [['backtest', '--from', '2026-02-30', '--to', '2026-10-01'], '--from: "2026-02-30" is not a date'],
    [['backtest', '--from', '2026-10-01T09:00', '--to', '2026-10-02'], '--from: "2026-10-01T09:00" is not a date'],
    [['backtest', '--from', '2026-10-01', '--to', '2026-10-02', '--fee', '-1'], '--fee "-1" is not a non-negative decimal number'],
    [['backtest', '--from', '2026-10-01', '--to', '2026-10-02', '--fee', '--out'], '--fee needs a value'],
    [['backtest', '--from', '2026-10-01', '--to', '2026-10-02', '--slippage-bps', 'NaN'], '--slippage-bps "NaN" is not a non-negative decimal number'],
    [['backtest', '--from', '2026-10-01', '--to', '2026-10-02', '--markets', 'bitcoin'], '"bitcoin" is not a market code'],
    [['backtest', '--from', '2026-10-01', '--to', '2026-10-02', '--bogus', '1'], 'unknown argument "--bogus"'],
  ])('refuses %j with a usage error naming the flag', async (argv, message) => {
    const output = capture();
    expect(await runCli(argv, env(), output, new AbortController().signal)).toBe(2);
    expect(output.errors.join('\n')).toContain(message);
  });

  it('loads the defaults a fresh machine has (the config needs nothing)', () => {
    expect(loadTraderConfig({}).risk.quoteCurrency).toBe('KRW');
  });
});

describe('diffDecisions', () => {
  const d = (tickAt: number, action = 'enter', market = 'KRW-BTC') => ({ market, tickAt, action, ruleId: 'r', price: '1' });

  it('pairs equal decisions and reports the rest in time order', () => {
    expect(diffDecisions([d(1), d(2), d(5)], [d(1), d(3), d(5)]).divergent).toEqual([
      { live: d(2), replay: null },
      { live: null, replay: d(3) },
    ]);
    expect(diffDecisions([d(1, 'close')], [d(1, 'enter')]).divergent).toHaveLength(2);
    expect(diffDecisions([d(1)], [d(1)]).divergent).toEqual([]);
  });
});
