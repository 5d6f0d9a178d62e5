import { marketConfig } from '../engine/market-catalog';
import { Candle } from '../market-data/candle-series';
import { MinuteClose, autocorrelation, crossingsBelow, excessKurtosis, fastMoves, minuteLogReturns, stdev, wilderRsi } from '../test-support/candle-statistics';
import { MarketHistory } from './market-history';
import { pathModel } from './path-model';

const DAYS = 30;
const END = Date.UTC(2026, 5, 1);

/** `DAYS` days of served 1-minute history before END, oldest first, paged as a client would. */
function minuteHistory(market: string, seed: number, options: { initialPrice?: string } = {}): Candle[] {
  const config = marketConfig({ market, ...options });
  const history = new MarketHistory(seed, { code: market, quoteCurrency: 'KRW', initialPrice: config.initialPrice, model: pathModel(config) }, END);
  const candles: Candle[] = [];
  let cursor = END;
  while (cursor > END - DAYS * 86_400_000) {
    const page = history.candlesBefore({ kind: 'minutes', unit: 1 }, cursor, 200);
    candles.push(...page.filter((c) => c.start >= END - DAYS * 86_400_000));
    cursor = page[page.length - 1].start;
  }
  return candles.reverse();
}

const floats = (candles: readonly Candle[]): MinuteClose[] =>
  candles.map((c) => ({ start: c.start, close: Number(c.close.toFixed()), high: Number(c.high.toFixed()), low: Number(c.low.toFixed()) }));

/**
 * The bands are typical KRW-BTC figures on 1-minute candles (docs/simulator.md, "Calibration"), not
 * fitted to a downloaded dataset; each band is wide enough for a month of one seed.
 */
describe('the price model on 1-minute candles looks like KRW-BTC', () => {
  const candles = floats(minuteHistory('KRW-BTC', 1));
  const returns = minuteLogReturns(candles);
  const rsi = wilderRsi(
    candles.map((c) => c.close),
    14,
  );

  it('has a 1-minute log-return stdev of 0.04-0.12 % (KRW-BTC: about 0.05-0.10 %)', () => {
    expect(stdev(returns)).toBeGreaterThan(0.0004);
    expect(stdev(returns)).toBeLessThan(0.0012);
  });

  it('has fat tails: excess kurtosis of 1-minute returns between 5 and 200 (a normal distribution: 0)', () => {
    expect(excessKurtosis(returns)).toBeGreaterThan(5);
    expect(excessKurtosis(returns)).toBeLessThan(200);
  });

  it('clusters volatility: |returns| stay autocorrelated for an hour, while returns themselves are not', () => {
    const absolute = returns.map(Math.abs);
    expect(autocorrelation(absolute, 1)).toBeGreaterThan(0.15);
    expect(autocorrelation(absolute, 1)).toBeLessThan(0.5);
    expect(autocorrelation(absolute, 60)).toBeGreaterThan(0.05);
    expect(Math.abs(autocorrelation(returns, 1))).toBeLessThan(0.1);
  });

  it('dips below RSI(14) 30 on 1-minute closes 8 to 35 times a day, 2-9 % of minutes', () => {
    const perDay = crossingsBelow(rsi, 30) / DAYS;
    const below = rsi.filter((v) => v !== undefined && v < 30).length / rsi.length;
    expect(perDay).toBeGreaterThan(8);
    expect(perDay).toBeLessThan(35);
    expect(below).toBeGreaterThan(0.02);
    expect(below).toBeLessThan(0.09);
  });

  it('has fast moves: 1 % within a minute a few times a month, 5 % within a minute at most a few times a month', () => {
    const one = fastMoves(candles, 0.01);
    const five = fastMoves(candles, 0.05);
    expect(one.up + one.down).toBeGreaterThanOrEqual(2);
    expect(one.up + one.down).toBeLessThan(DAYS * 2);
    expect(five.up + five.down).toBeLessThanOrEqual(4);
  });

  it('trades every minute on KRW-BTC, while a thin market leaves quiet minutes without a candle', () => {
    expect(candles.length).toBeGreaterThan(DAYS * 1440 * 0.99);
    const thin = minuteHistory('KRW-THIN', 1, { initialPrice: '1000' });
    expect(thin.length).toBeLessThan(DAYS * 1440 * 0.9);
    expect(thin.length).toBeGreaterThan(DAYS * 1440 * 0.4);
  });
});
