// `npm run sim:first-entry`: how long the reference strategy's entry (RSI(14) Wilder on 1-minute
// closes below 30) takes to fire after a fresh start, per seed and start time (docs/simulator.md).
import { ManualSimClock, startSimulator } from '@trader/upbit-sim';

interface Args {
  readonly seeds: number[];
  readonly starts: number[];
  readonly markets: string[];
  readonly minutes: number;
  /** The simulator's `modelStart`: every start then opens into the same moment of the model. */
  readonly modelStart: number | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string, fallback: string): string => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const range = (text: string): number[] => {
    const [from, to] = text.split('..').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`expected N or N..M, got "${text}"`);
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  };
  const startCount = Number(value('starts', '8'));
  const firstStart = Date.parse(value('from', '2026-11-30T00:00:00Z'));
  const spacingHours = Number(value('spacing-hours', '3'));
  return {
    seeds: range(value('seeds', '1..10')),
    starts: Array.from({ length: startCount }, (_, i) => firstStart + i * spacingHours * 3_600_000 + 17_000),
    markets: value('markets', 'KRW-BTC,KRW-ETH').split(','),
    minutes: Number(value('minutes', '10')),
    modelStart: argv.some((a) => a.startsWith('--model-start=')) ? Date.parse(value('model-start', '')) : undefined,
  };
}

/** RSI (Wilder, 14) after each close, seeded with the average of the first 14 changes. */
function rsiSeries(closes: readonly number[]): number[] {
  const period = 14;
  let gain = 0;
  let loss = 0;
  const values: number[] = [];
  for (let i = 1; i < closes.length; i++) {
    const change = closes[i] - closes[i - 1];
    if (i <= period) {
      gain += Math.max(change, 0) / period;
      loss += Math.max(-change, 0) / period;
    } else {
      gain = (gain * (period - 1) + Math.max(change, 0)) / period;
      loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
    }
    if (i >= period) values.push(loss === 0 ? 100 : 100 - 100 / (1 + gain / loss));
  }
  return values;
}

async function closes(restUrl: string, market: string, count: number): Promise<Array<{ start: string; close: number }>> {
  const response = await fetch(`${restUrl}/candles/minutes/1?market=${market}&count=${count}`);
  const body = (await response.json()) as Array<{ candle_date_time_utc: string; trade_price: number }>;
  return body.map((c) => ({ start: c.candle_date_time_utc, close: c.trade_price })).reverse();
}

/** Minutes after the start until the first 1-minute close with RSI below 30 on any market; undefined if none. */
async function firstEntryMinute(seed: number, start: number, args: Args): Promise<number | undefined> {
  const { markets, minutes, modelStart } = args;
  const clock = new ManualSimClock(start);
  const sim = await startSimulator({ seed, clock, markets: [...markets], rateLimits: false, ...(modelStart !== undefined ? { modelStart } : {}) });
  try {
    // As the trader: 200 candles at start, the forming one left out; then each candle as it closes.
    const series = new Map<string, Array<{ start: string; close: number }>>();
    for (const market of markets) series.set(market, (await closes(sim.restUrl, market, 200)).slice(0, -1));
    for (let minute = 1; minute <= minutes; minute++) {
      clock.advance(60_000 - (clock.now() % 60_000));
      for (const market of markets) {
        const known = series.get(market) ?? [];
        const [, closed] = (await closes(sim.restUrl, market, 2)).reverse();
        if (closed !== undefined && closed.start !== known[known.length - 1]?.start) known.push(closed);
        const rsi = rsiSeries(known.map((c) => c.close));
        if ((rsi[rsi.length - 1] ?? 100) < 30) return (clock.now() - start) / 60_000;
      }
    }
    return undefined;
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const lines = [`markets ${args.markets.join(',')}, first RSI(14) < 30 on a 1-minute close, minutes after start (- : none within ${args.minutes})`];
  lines.push(`seed  ${args.starts.map((s) => new Date(s).toISOString().slice(5, 16)).join('  ')}`);
  for (const seed of args.seeds) {
    const cells: string[] = [];
    for (const start of args.starts) {
      const minute = await firstEntryMinute(seed, start, args);
      cells.push((minute === undefined ? '-' : minute.toFixed(1)).padStart(11));
    }
    lines.push(`${String(seed).padStart(4)}  ${cells.join('  ')}`);
    process.stdout.write(`${lines.splice(0).join('\n')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
