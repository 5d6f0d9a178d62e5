import type { BacktestOptions } from '@trader/application';
import { validateStrategyDefinition } from '@trader/domain';
import type { RiskLimits, StrategyDefinition } from '@trader/domain';

/** The rules every side of the benchmark runs: RSI(14) Wilder < 30 entry, +5% take profit, -5% stop, 0.05% fee per side. */
export const RULES = { rsiPeriod: 14, rsiBelow: 30, takeProfit: 0.05, stopLoss: 0.05, fee: 0.0005 } as const;

/**
 * The rules as a strategy of ours (a StrategyDefinition, the same data the CLI and the API take).
 * `rsiBelow` 0 makes an entry that never fires (RSI is never under 0): the same run without orders.
 */
export function rsiDipStrategy(markets: readonly string[], rsiBelow: number = RULES.rsiBelow): StrategyDefinition {
  return validateStrategyDefinition({
    id: 'bench-rsi-dip',
    name: 'RSI(14) under 30, 5% take profit, 5% stop',
    version: 1,
    enabled: true,
    markets: [...markets],
    timeframe: '1m',
    sizing: { kind: 'fixed_quote', amount: '1000000' },
    triggers: [{ id: 'rsi-under-30', kind: 'entry', condition: { left: { variable: 'rsi', params: { period: RULES.rsiPeriod } }, operator: '<', right: { value: rsiBelow } } }],
    management: [
      { id: 'take-profit', kind: 'take_profit', profitPercent: RULES.takeProfit * 100, basis: 'average', afterPyramiding: false },
      { id: 'stop-loss', kind: 'stop_loss', lossPercent: RULES.stopLoss * 100 },
    ],
    conflictPolicy: { kind: 'conservative' },
  });
}

/** Limits no run of the benchmark reaches: the risk policy runs on every order but never denies one. */
const OPEN_LIMITS: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '100000000',
  maxPositionPerMarket: '100000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1_000 },
  maxDailyLoss: '1000000000',
  maxDrawdownPercent: '100',
};

export function backtestOptions(markets: readonly string[], from: number, to: number, rsiBelow: number = RULES.rsiBelow): BacktestOptions {
  return {
    strategy: rsiDipStrategy(markets, rsiBelow),
    markets,
    from,
    to,
    initialQuote: '100000000',
    feeRate: String(RULES.fee),
    slippageBps: 0,
    risk: OPEN_LIMITS,
    source: 'candles',
    warmUpCandles: 0,
  };
}
