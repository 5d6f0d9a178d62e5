import { SimClock } from '../clock/sim-clock';
import { Dec, parseDecimal } from '../engine/decimal';
import { Exchange } from '../engine/exchange';
import { Market } from '../engine/market';
import { tickSize } from '../engine/tick-size';
import { codeNotFound, missingParameter, validationError } from '../engine/upbit-api-error';
import { UPBIT_RULES } from '../engine/upbit-rules';
import { CandlePeriod, MINUTE_UNITS } from '../market-data/candle-series';
import { candlesBefore } from '../market-data/candle-query';
import { orderbookSnapshot, supportedLevels } from '../market-data/orderbook-snapshot';
import { candleView, marketView, tickerView, tradeTickView } from './quotation-views';
import { intParam, stringParam } from './request-params';
import { RestResult, Route, RouteContext, ok } from './rest-types';

/** `to` of the candle API: ISO 8601 with a zone, or `yyyy-MM-dd HH:mm:ss` / `yyyy-MM-ddTHH:mm:ss` read as UTC. */
export function parseCandleTo(value: string): number {
  const text = value.trim().replace(' ', 'T');
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
  const ms = Date.parse(hasZone ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw validationError('to', value);
  return ms;
}

function requireMarket(exchange: Exchange, params: RouteContext['request']['params'], key = 'market'): Market {
  const code = stringParam(params, key);
  if (code === undefined) throw missingParameter(key);
  const market = exchange.market(code);
  if (market === undefined) throw codeNotFound(code);
  return market;
}

function requireMarkets(exchange: Exchange, params: RouteContext['request']['params']): Market[] {
  const codes = stringParam(params, 'markets');
  if (codes === undefined) throw missingParameter('markets');
  return codes.split(',').map((code) => {
    const market = exchange.market(code.trim());
    if (market === undefined) throw codeNotFound(code);
    return market;
  });
}

function candleRoute(exchange: Exchange, pattern: string, periodOf: (ctx: RouteContext) => CandlePeriod): Route {
  return {
    method: 'GET',
    pattern,
    group: 'candle',
    authenticated: false,
    handle(ctx): RestResult {
      const period = periodOf(ctx);
      const params = ctx.request.params;
      const market = requireMarket(exchange, params);
      const count = intParam(params, 'count', 1, 1, 200);
      const toText = stringParam(params, 'to');
      const to = toText === undefined ? undefined : parseCandleTo(toText);
      // One candle more than asked: each candle's predecessor gives a day candle its previous close.
      const candles = candlesBefore(market, period, to, count + 1);
      return ok(candles.slice(0, count).map((c, i) => candleView(market.code, period, c, candles[i + 1], market.config.initialPrice)));
    },
  };
}

/** `to` of trades/ticks: `HHmmss` or `HH:mm:ss` (UTC) on the chosen day. */
function ticksCutoff(value: string, dayStart: number): number {
  const match = /^(\d{2}):?(\d{2}):?(\d{2})$/.exec(value);
  if (match === null) throw validationError('to', value);
  return dayStart + ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000;
}

/** Quotation API (public, per-IP groups market/candle/trade/ticker/orderbook). */
export function quotationRoutes(exchange: Exchange, clock: Pick<SimClock, 'now'>): Route[] {
  const markets = (): Market[] => [...exchange.markets.values()];
  return [
    {
      method: 'GET',
      pattern: '/market/all',
      group: 'market',
      authenticated: false,
      handle: (ctx) => {
        const flag = stringParam(ctx.request.params, 'isDetails') ?? stringParam(ctx.request.params, 'is_details');
        return ok(markets().map((m) => marketView(m, flag === 'true')));
      },
    },
    candleRoute(exchange, '/candles/seconds', () => ({ kind: 'seconds' })),
    candleRoute(exchange, '/candles/minutes/{unit}', (ctx) => {
      const unit = Number(ctx.pathParams['unit']);
      if (!(MINUTE_UNITS as readonly number[]).includes(unit)) throw validationError('unit', ctx.pathParams['unit']);
      return { kind: 'minutes', unit };
    }),
    candleRoute(exchange, '/candles/days', () => ({ kind: 'days' })),
    candleRoute(exchange, '/candles/weeks', () => ({ kind: 'weeks' })),
    candleRoute(exchange, '/candles/months', () => ({ kind: 'months' })),
    candleRoute(exchange, '/candles/years', () => ({ kind: 'years' })),
    {
      method: 'GET',
      pattern: '/trades/ticks',
      group: 'trade',
      authenticated: false,
      handle: (ctx) => {
        const params = ctx.request.params;
        const market = requireMarket(exchange, params);
        const count = intParam(params, 'count', 1, 1, 500);
        const daysAgo = intParam(params, 'days_ago', 0, 1, 7);
        const cursor = stringParam(params, 'cursor');
        const toText = stringParam(params, 'to');
        const dayStart = Math.floor(clock.now() / 86_400_000) * 86_400_000 - daysAgo * 86_400_000;
        const cutoff = toText !== undefined ? ticksCutoff(toText, dayStart) : daysAgo > 0 ? dayStart + 86_400_000 : Infinity;
        const selected = market.tape
          .recentTrades()
          .filter((t) => t.timestamp < cutoff && (daysAgo === 0 || t.timestamp >= dayStart))
          .filter((t) => cursor === undefined || t.sequentialId < Number(cursor))
          .slice(0, count);
        return ok(selected.map(tradeTickView));
      },
    },
    {
      method: 'GET',
      pattern: '/ticker',
      group: 'ticker',
      authenticated: false,
      handle: (ctx) => ok(tickers(requireMarkets(exchange, ctx.request.params), clock.now())),
    },
    {
      method: 'GET',
      pattern: '/ticker/all',
      group: 'ticker',
      authenticated: false,
      handle: (ctx) => {
        const quotes = stringParam(ctx.request.params, 'quote_currencies');
        if (quotes === undefined) throw missingParameter('quote_currencies');
        const wanted = quotes.split(',').map((q) => q.trim());
        return ok(tickers(markets().filter((m) => wanted.includes(m.quoteCurrency)), clock.now()));
      },
    },
    {
      method: 'GET',
      pattern: '/orderbook',
      group: 'orderbook',
      authenticated: false,
      handle: (ctx) => {
        const params = ctx.request.params;
        const selected = requireMarkets(exchange, params);
        const count = intParam(params, 'count', UPBIT_RULES.maxOrderbookUnits, 1, UPBIT_RULES.maxOrderbookUnits);
        const levelText = stringParam(params, 'level') ?? '0';
        const level = parseDecimal(levelText);
        if (level === undefined) throw validationError('level', levelText);
        const now = clock.now();
        return ok(
          selected.map((m) => {
            const { market, ...book } = orderbookSnapshot(m, count, level);
            return { market, timestamp: now, ...book };
          }),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/orderbook/instruments',
      group: 'orderbook',
      authenticated: false,
      handle: (ctx) =>
        ok(
          requireMarkets(exchange, ctx.request.params).map((m) => ({
            market: m.code,
            quote_currency: m.quoteCurrency,
            tick_size: tickSize(m.quoteCurrency, m.tape.lastTrade()?.price ?? m.config.initialPrice).toFixed(),
            supported_levels: supportedLevels(m).map((l: Dec) => l.toFixed()),
          })),
        ),
    },
  ];
}

function tickers(selected: Market[], now: number): Record<string, unknown>[] {
  return selected.flatMap((m) => {
    const state = m.tape.ticker(now);
    return state === undefined ? [] : [tickerView(state, now)];
  });
}
