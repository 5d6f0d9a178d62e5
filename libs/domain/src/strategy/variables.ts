/**
 * The trading variables a trigger can compare, with their default parameters and comparison group.
 * Two variables may be compared only within one group: a KRW price against an SMA makes sense, an RSI
 * against a KRW price does not. `range` bounds the constants a variable can meaningfully be compared with.
 */
export type ComparisonGroup = 'price' | 'percentage' | 'zero_centred' | 'volume';

export interface VariableSpec {
  readonly group: ComparisonGroup;
  readonly defaults: Readonly<Record<string, number>>;
  readonly range?: readonly [number, number];
  /** Needs an open position (so cannot appear in an entry trigger). */
  readonly needsPosition?: boolean;
}

const MACD = { fast: 12, slow: 26, signal: 9 };
const BOLLINGER = { period: 20, stdDev: 2 };
const STOCHASTIC = { kPeriod: 14, dPeriod: 3 };

export const VARIABLES = {
  price: { group: 'price', defaults: {} },
  sma: { group: 'price', defaults: { period: 20 } },
  ema: { group: 'price', defaults: { period: 20 } },
  rsi: { group: 'percentage', defaults: { period: 14 }, range: [0, 100] },
  macd_line: { group: 'zero_centred', defaults: MACD },
  macd_signal: { group: 'zero_centred', defaults: MACD },
  macd_histogram: { group: 'zero_centred', defaults: MACD },
  bb_upper: { group: 'price', defaults: BOLLINGER },
  bb_middle: { group: 'price', defaults: BOLLINGER },
  bb_lower: { group: 'price', defaults: BOLLINGER },
  stoch_k: { group: 'percentage', defaults: STOCHASTIC, range: [0, 100] },
  stoch_d: { group: 'percentage', defaults: STOCHASTIC, range: [0, 100] },
  atr: { group: 'price', defaults: { period: 14 } },
  volume: { group: 'volume', defaults: { period: 1 } },
  price_change_pct: { group: 'percentage', defaults: { period: 1 } },
  profit_pct: { group: 'percentage', defaults: {}, needsPosition: true },
} as const satisfies Record<string, VariableSpec>;

export type VariableName = keyof typeof VARIABLES;

export function isVariableName(name: string): name is VariableName {
  return Object.prototype.hasOwnProperty.call(VARIABLES, name);
}

/** A variable with its parameters filled in from the defaults. */
export interface ResolvedVariable {
  readonly name: VariableName;
  readonly params: Readonly<Record<string, number>>;
  /** Canonical key, e.g. `rsi(period=14)` or `price`: equal keys share one indicator. */
  readonly key: string;
}

export function resolveVariable(name: VariableName, params: Readonly<Record<string, number>> = {}): ResolvedVariable {
  const merged: Record<string, number> = { ...VARIABLES[name].defaults, ...params };
  const names = Object.keys(merged).sort();
  const key = names.length === 0 ? name : `${name}(${names.map((p) => `${p}=${merged[p]}`).join(',')})`;
  return { name, params: merged, key };
}
