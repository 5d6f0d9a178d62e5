import { Atr } from '../indicators/atr';
import { BollingerBands } from '../indicators/bollinger-bands';
import { Candle } from '../indicators/candle';
import { Ema } from '../indicators/ema';
import { Macd } from '../indicators/macd';
import { PriceChangePercent } from '../indicators/price-change';
import { Rsi } from '../indicators/rsi';
import { Sma } from '../indicators/sma';
import { Stochastic } from '../indicators/stochastic';
import { ResolvedVariable, VariableName } from './variables';

interface Source {
  update(candle: Candle): void;
  read(field: string): number | null;
}

function source(name: VariableName, p: Readonly<Record<string, number>>): { key: string; create: () => Source } {
  switch (name) {
    case 'sma':
    case 'ema': {
      const create = (): Source => {
        const average = name === 'sma' ? new Sma(p.period) : new Ema(p.period);
        return { update: (c) => average.update(c.close), read: () => average.value };
      };
      return { key: `${name}:${p.period}`, create };
    }
    case 'rsi':
      return {
        key: `rsi:${p.period}`,
        create: () => {
          const rsi = new Rsi(p.period);
          return { update: (c) => rsi.update(c.close), read: () => rsi.value };
        },
      };
    case 'macd_line':
    case 'macd_signal':
    case 'macd_histogram':
      return {
        key: `macd:${p.fast}:${p.slow}:${p.signal}`,
        create: () => {
          const macd = new Macd(p.fast, p.slow, p.signal);
          return {
            update: (c) => macd.update(c.close),
            read: (field) => (field === 'macd_line' ? macd.lineValue : (macd.value?.[field === 'macd_signal' ? 'signal' : 'histogram'] ?? null)),
          };
        },
      };
    case 'bb_upper':
    case 'bb_middle':
    case 'bb_lower':
      return {
        key: `bb:${p.period}:${p.stdDev}`,
        create: () => {
          const bb = new BollingerBands(p.period, p.stdDev);
          const fields = { bb_upper: 'upper', bb_middle: 'middle', bb_lower: 'lower' } as const;
          return { update: (c) => bb.update(c.close), read: (field) => bb.value?.[fields[field as keyof typeof fields]] ?? null };
        },
      };
    case 'stoch_k':
    case 'stoch_d':
      return {
        key: `stoch:${p.kPeriod}:${p.dPeriod}`,
        create: () => {
          const stochastic = new Stochastic(p.kPeriod, p.dPeriod);
          return { update: (c) => stochastic.update(c), read: (field) => stochastic.value?.[field === 'stoch_k' ? 'k' : 'd'] ?? null };
        },
      };
    case 'atr':
      return {
        key: `atr:${p.period}`,
        create: () => {
          const atr = new Atr(p.period);
          return { update: (c) => atr.update(c), read: () => atr.value };
        },
      };
    case 'volume':
      return {
        key: `volume:${p.period}`,
        create: () => {
          const volume = new Sma(p.period);
          return { update: (c) => volume.update(c.volume), read: () => volume.value };
        },
      };
    case 'price_change_pct':
      return {
        key: `change:${p.period}`,
        create: () => {
          const change = new PriceChangePercent(p.period);
          return { update: (c) => change.update(c.close), read: () => change.value };
        },
      };
    case 'price':
    case 'profit_pct':
      return { key: name, create: () => ({ update: () => undefined, read: () => null }) };
  }
}

/**
 * The indicators one strategy needs on one market, built from the variables its triggers reference.
 * Variables that share an indicator (the three MACD outputs, say) share one instance; each closed candle
 * updates every indicator once, O(1). `price` and `profit_pct` come from the tick and the position.
 */
export class IndicatorSet {
  private readonly sources: Source[] = [];
  private readonly readers: Array<{ key: string; read: () => number | null }> = [];

  constructor(variables: readonly ResolvedVariable[]) {
    const byKey = new Map<string, Source>();
    for (const variable of variables) {
      if (variable.name === 'price' || variable.name === 'profit_pct') continue;
      if (this.readers.some((r) => r.key === variable.key)) continue;
      const { key, create } = source(variable.name, variable.params);
      let shared = byKey.get(key);
      if (!shared) {
        shared = create();
        byKey.set(key, shared);
        this.sources.push(shared);
      }
      const from = shared;
      this.readers.push({ key: variable.key, read: () => from.read(variable.name) });
    }
  }

  update(candle: Candle): void {
    for (const s of this.sources) s.update(candle);
  }

  /** Writes the current value of every indicator variable into `into`, keyed by variable key. */
  readInto(into: Map<string, number | null>): void {
    for (const reader of this.readers) into.set(reader.key, reader.read());
  }
}
