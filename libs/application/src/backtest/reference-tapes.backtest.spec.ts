import { basicSevenRulesStrategy, REFERENCE_TAPES, RSI_OVERSOLD_CLOSES } from '@trader/domain';
import type { ReferenceTape, RiskLimits } from '@trader/domain';
import { RecordedTrade, StoredCandle } from '../ports/market-history.port';
import { StrategyDecidedData } from '../strategies/strategy-decided.event';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { InMemoryMarketHistory } from '../testing/in-memory-market-history';
import { BacktestEngine } from './backtest-engine';

const MIN = 60_000;
const FROM = Date.UTC(2026, 0, 1);
const MARKET = 'KRW-XRP';

const risk: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1_000 },
  maxDailyLoss: '5000000',
  maxDrawdownPercent: '50',
};

/**
 * A tape as the market would print it: every tick is followed a second later by a trade at the same
 * price, so an order decided on a tick fills at that price (the engine fills at the next trade).
 */
function trades(tape: ReferenceTape): RecordedTrade[] {
  const result: RecordedTrade[] = [];
  let at = FROM;
  let id = 0;
  const print = (price: number): void => {
    for (const offset of [0, 1_000]) {
      id += 1;
      result.push({ market: MARKET, sequentialId: id, timestamp: at + offset, price: String(price), volume: '1000', side: 'bid' });
    }
  };
  print(tape.entryPrice);
  for (const tick of tape.ticks) {
    at += tick.afterMs;
    print(tick.price);
  }
  return result;
}

/** The fifteen falling closes before the tape starts: RSI(14) is 0 when it begins. */
function warmUp(): StoredCandle[] {
  return RSI_OVERSOLD_CLOSES.map((close, i) => ({
    market: MARKET,
    timeframe: '1m',
    start: FROM - (RSI_OVERSOLD_CLOSES.length - i) * MIN,
    open: String(close + 1),
    high: String(close + 1),
    low: String(close),
    close: String(close),
    volume: '1',
    value: String(close),
  }));
}

async function decisions(tape: ReferenceTape): Promise<string[]> {
  const history = new InMemoryMarketHistory();
  history.saveCandles(warmUp());
  history.recordTrades(trades(tape));
  const decided: StrategyDecidedData[] = [];
  const engine = new BacktestEngine(
    { store: new InMemoryEventStore(), history },
    {
      strategy: basicSevenRulesStrategy(),
      markets: [MARKET],
      from: FROM,
      to: FROM + 60 * MIN,
      initialQuote: '10000000',
      feeRate: '0.0005',
      slippageBps: 0,
      risk,
      source: 'trades',
      onDecision: (d) => decided.push(d),
    },
  );
  await engine.run();
  return decided.map((d) => `${d.decision.action}:${d.decision.ruleId}@${d.price}`);
}

/**
 * Issue 13's tapes through the backtest engine (the live runner, order handler, saga, position keeper
 * and risk policy on a virtual clock): every one of the seven rules fires where the original meant it
 * to, in this exact order, and the whole file runs in seconds, not in tape time.
 */
describe('the reference strategy on the scripted tapes, backtested', () => {
  it('rising 100 → 140: enters, adds at each +5% step from the last buy, then takes the planned profit', async () => {
    expect(await decisions(REFERENCE_TAPES.rising)).toEqual([
      'enter:rsi-oversold-entry@100',
      'add:add-on-profit@105',
      'add:add-on-profit@111',
      'add:add-on-profit@117',
      'close:planned-take-profit@123',
    ]);
  });

  it('a +5% spike in 40 s: the surge guard stops pyramiding for the position; the trailing stop closes it', async () => {
    expect(await decisions(REFERENCE_TAPES.surge)).toEqual(['enter:rsi-oversold-entry@100', 'close:trailing-stop@120.2']);
  });

  it('a rebound then a fall: averaging down is not blocked by the surge guard', async () => {
    expect(await decisions(REFERENCE_TAPES.averageDownAfterSurge)).toEqual(['enter:rsi-oversold-entry@100', 'add:average-down@95']);
  });

  it('a high before an averaging-down add, then a rise: no stop above the price closes the position', async () => {
    // With real fills the average after 100 000 KRW at 100 and at 95 is 97.44, so -5% is 92.57 and the
    // tape's 92.6 does not average down a second time (the evaluator spec sets that average by hand).
    // 100.7 is a pyramiding add (+5% over the last buy, 95); nothing closes on 100.8 (no stop sits above the price).
    expect(await decisions(REFERENCE_TAPES.armBelowPrice)).toEqual(['enter:rsi-oversold-entry@100', 'add:average-down@95', 'add:add-on-profit@100.7']);
  });

  it('-6% in 30 s: the crash exit closes at once, and no entry comes while the fall is in its window', async () => {
    expect(await decisions(REFERENCE_TAPES.crash)).toEqual(['enter:rsi-oversold-entry@100', 'close:crash-exit@94', 'enter:rsi-oversold-entry@93']);
  });
});
