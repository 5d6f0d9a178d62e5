import { SqliteMarketHistory } from '@trader/market-history';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliOutput } from '../cli-output';
import { runCli } from '../run-cli';

const MIN = 60_000;

interface Captured extends CliOutput {
  readonly stdout: string[];
  readonly stderr: string[];
}

function capture(onErr: (line: string) => void = () => undefined): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => {
      stderr.push(line);
      onErr(line);
    },
  };
}

describe('trader data', () => {
  let dir: string;
  let env: Record<string, string>;
  let store: string;
  const run = async (args: string[], output = capture(), signal = new AbortController().signal): Promise<{ code: number; stdout: string[]; stderr: string[] }> => {
    const code = await runCli(args, env, output, signal);
    return { code, stdout: output.stdout as string[], stderr: (output as Captured).stderr };
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-data-'));
    env = { TRADER_DB: join(dir, 'trader.db') };
    store = join(dir, 'candles.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('refuses bad flags with exit code 2, naming the flag, before touching anything', () => {
    const good = ['--markets', 'KRW-BTC', '--timeframe', '1m', '--from', '2025-11-01', '--to', '2025-11-02'];
    const withFlag = (flag: string, value: string | null): string[] => {
      const args = [...good];
      const at = args.indexOf(flag);
      if (value === null) args.splice(at, 2);
      else args[at + 1] = value;
      return args;
    };
    it.each([
      ['a bad date', withFlag('--from', '2025-13-01'), '--from'],
      ['a day that does not exist', withFlag('--to', '2025-02-30'), '--to'],
      ['a time without its zone', withFlag('--from', '2025-11-01T09:00:00'), '--from'],
      ['an unknown timeframe', withFlag('--timeframe', '2m'), '--timeframe'],
      ['from after to', withFlag('--from', '2025-11-03'), '--from'],
      ['from equal to to', withFlag('--to', '2025-11-01'), '--from'],
      ['a bad market code', withFlag('--markets', 'KRW-BTC,btc-krw'), '--markets'],
      ['a market listed twice', withFlag('--markets', 'KRW-BTC,KRW-BTC'), '--markets'],
      ['a missing flag', withFlag('--timeframe', null), '--timeframe'],
      ['an unknown flag', [...good, '--speed', 'fast'], '--speed'],
      ['a flag without a value', [...good, '--store'], '--store'],
      ['a flag given twice', [...good, '--timeframe', '5m'], '--timeframe'],
    ])('%s', async (_what, args, flag) => {
      const result = await run(['data', 'download', ...(args.includes('--store') ? args : [...args, '--store', store])]);
      expect(result.code).toBe(2);
      expect(result.stderr.join('\n')).toContain(flag);
      expect(existsSync(store)).toBe(false);
    });

    it('for list and import too', async () => {
      expect(await run(['data', 'list', '--verbose', 'yes'])).toEqual(expect.objectContaining({ code: 2, stderr: [expect.stringContaining('--verbose')] }));
      expect(await run(['data', 'import', '--store', store])).toEqual(expect.objectContaining({ code: 2, stderr: [expect.stringContaining('--csv')] }));
      expect(await run(['data', 'import', '--csv', join(dir, 'missing.csv'), '--store', store])).toEqual(expect.objectContaining({ code: 2, stderr: [expect.stringContaining('--csv')] }));
      expect((await run(['data', 'frobnicate'])).code).toBe(2);
      expect(existsSync(store)).toBe(false);
    });
  });

  it('downloads from the in-process simulator in paper mode, lists it, and a rerun fetches nothing again', async () => {
    const now = Date.now();
    const from = new Date(Math.floor(now / MIN) * MIN - 300 * MIN).toISOString();
    const to = new Date(now + 3_600_000).toISOString();
    const args = ['data', 'download', '--markets', 'KRW-BTC,KRW-XRP', '--timeframe', '1m', '--from', from, '--to', to, '--store', store];

    const first = await run(args);

    expect(first.code).toBe(0);
    expect(first.stderr[0]).toMatch(/^downloading 1m candles of KRW-BTC, KRW-XRP from .* from the in-process simulator \(paper mode\) into /);
    expect(first.stderr.some((line) => /^\[#*-*\] +\d+\.\d% {2}KRW-(BTC|XRP) {2}[\d,]+ candles {2}[\d,]+\/s {2}ETA \d+:\d\d$/.test(line))).toBe(true);
    expect(first.stderr.at(-1)).toMatch(/^done: \d+ candle\(s\) in \d+ page\(s\), 0 page\(s\) asked again \(the range ends at .*: later candles are not closed yet\)$/);
    const saved = first.stdout.map((line) => /^(KRW-\w+) 1m: (\d+) candle\(s\) saved$/.exec(line)?.slice(1));
    expect(saved.map((m) => m?.[0])).toEqual(['KRW-BTC', 'KRW-XRP']);
    const history = await SqliteMarketHistory.open(store, { readonly: true });
    const coverage = history.coverage();
    history.close();
    expect(coverage.map((c) => [c.market, c.timeframe, String(c.count)])).toEqual(saved.map((m) => [m?.[0], '1m', m?.[1]]));
    // The in-process simulator's warm-up history: a few hours of one-minute candles, minutes without a trade left out.
    expect(coverage.every((c) => c.count > 100)).toBe(true);

    const listed = await run(['data', 'list', '--store', store]);
    expect(listed.code).toBe(0);
    expect(listed.stdout[0]).toMatch(/^MARKET +TIMEFRAME +COUNT +FIRST \(UTC\) +LAST \(UTC\) +EMPTY INTERVALS$/);
    expect(listed.stdout.slice(1).map((line) => line.split(/ {2,}/).slice(0, 3))).toEqual(coverage.map((c) => [c.market, '1m', String(c.count)]));

    const again = await run(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toEqual([expect.stringMatching(/^KRW-BTC 1m: 0 candle\(s\) saved, .* already stored before$/), expect.stringMatching(/^KRW-XRP 1m: 0 candle\(s\) saved, .* already stored before$/)]);
  }, 60_000);

  it('stops on Ctrl-C between pages with exit code 130, keeping what it saved; the same command then finishes', async () => {
    const stop = new AbortController();
    const output = capture((line) => {
      if (line.startsWith('[')) stop.abort();
    });
    const now = Date.now();
    const args = ['data', 'download', '--markets', 'KRW-BTC,KRW-ETH', '--timeframe', '1m', '--from', new Date(now - 300 * MIN).toISOString(), '--to', new Date(now - 2 * MIN).toISOString(), '--store', store];

    const interrupted = await run(args, output, stop.signal);

    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr.at(-1)).toMatch(/^interrupted after \d+ candle\(s\); they stay in .*: run the same command again to resume$/);
    const kept = await SqliteMarketHistory.open(store, { readonly: true });
    expect(kept.coverage().map((c) => c.market)).toEqual(['KRW-BTC']);
    kept.close();

    expect((await run(args)).code).toBe(0);
    const finished = await SqliteMarketHistory.open(store, { readonly: true });
    expect(finished.coverage().map((c) => c.market)).toEqual(['KRW-BTC', 'KRW-ETH']);
    finished.close();
  }, 60_000);

  it('imports a CSV and lists it; a bad row is named by line and field and nothing is imported', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, ['market,timeframe,start_utc,open,high,low,close,volume,value', 'KRW-BTC,1m,2026-01-05T09:00:00Z,1.50,2,1,1.5,3,4.5', 'KRW-BTC,1m,2026-01-05T09:03:00Z,2,2,2,2,1,2'].join('\n'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, ['market,timeframe,start_utc,open,high,low,close,volume,value', 'KRW-ETH,1m,2026-01-05T09:00:00Z,1,1,1,1,1,1', 'KRW-ETH,1m,2026-01-05T09:01:00Z,1,1,1,abc,1,1'].join('\n'));

    const imported = await run(['data', 'import', '--csv', good, '--store', store]);
    expect(imported).toEqual(expect.objectContaining({ code: 0, stdout: ['KRW-BTC 1m: 2 candle(s), 2026-01-05T09:00:00Z to 2026-01-05T09:03:00Z'] }));
    const refused = await run(['data', 'import', '--csv', bad, '--store', store]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.join('\n')).toContain('line 3, field close "abc"');

    const listed = await run(['data', 'list', '--store', store]);
    expect(listed.stdout).toEqual([expect.stringMatching(/^MARKET/), expect.stringMatching(/^KRW-BTC +1m +2 +2026-01-05 09:00Z +2026-01-05 09:03Z +2$/)]);
  });

  it('lists nothing for a store that does not exist yet, without creating it', async () => {
    expect(await run(['data', 'list', '--store', store])).toEqual(expect.objectContaining({ code: 0, stdout: [expect.stringContaining('holds no data yet')] }));
    expect(existsSync(store)).toBe(false);
  });
});
