import type { Candle, StoredCandle } from '@trader/application';
import { decimalText } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import { InvalidMarketHistoryRowError } from '../store/market-history.errors';

const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/**
 * An exchange candle as stored: start is `candle_date_time_utc` read as UTC (Upbit sends it without a
 * zone), decimals as the exact text the client decoded.
 */
export function storedCandleOf(candle: Candle, timeframe: Timeframe): StoredCandle {
  if (!UTC_DATE_TIME.test(candle.candleDateTimeUtc)) throw new InvalidMarketHistoryRowError('candle_date_time_utc', candle.candleDateTimeUtc, 'expected YYYY-MM-DDTHH:mm:ss');
  return {
    market: candle.market,
    timeframe,
    start: Date.parse(`${candle.candleDateTimeUtc}Z`),
    open: decimalText(candle.openingPrice),
    high: decimalText(candle.highPrice),
    low: decimalText(candle.lowPrice),
    close: decimalText(candle.tradePrice),
    volume: decimalText(candle.accTradeVolume),
    value: decimalText(candle.accTradePrice),
  };
}
