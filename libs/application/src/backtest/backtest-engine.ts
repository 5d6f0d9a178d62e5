import { Dec, orderDecider, positionDecider, riskPolicyDecider, strategyDecider, tradingSessionDecider } from '@trader/domain';
import type { RiskState, SessionState, StrategyDefinition, Timeframe } from '@trader/domain';
import { DeciderRepository } from '../event-sourcing/decider-repository';
import { SnapshotPolicy } from '../event-sourcing/decider-repository.options';
import { EventStore } from '../ports/event-store.port';
import { StoredEvent } from '../ports/event-envelope';
import { CandleColumns, MarketHistory, StoredCandle, RecordedTrade } from '../ports/market-history.port';
import { TradeTick } from '../ports/market-data-feed.types';
import { ORDER_AGGREGATE } from '../orders/order-repository';
import { OrderExecutionSaga } from '../orders/order-execution/order-execution.saga';
import { OrderUpdateRecorder } from '../orders/order-updates/order-update-recorder';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { POSITION_AGGREGATE } from '../positions/position-repository';
import { PositionKeeper } from '../positions/position-keeper';
import { STRATEGY_AGGREGATE } from '../strategies/strategy-repository';
import { StrategyRunner } from '../strategies/strategy-runner';
import { StrategyDecidedData } from '../strategies/strategy-decided.event';
import { TIMEFRAME_MS } from '../strategies/timeframes';
import { ConfigureRiskLimits } from '../trading/configure-risk-limits/configure-risk-limits.command';
import { ConfigureRiskLimitsHandler } from '../trading/configure-risk-limits/configure-risk-limits.handler';
import { DefineStrategy } from '../strategies/define-strategy/define-strategy.command';
import { DefineStrategyHandler } from '../strategies/define-strategy/define-strategy.handler';
import { StartTrading } from '../trading/start-trading/start-trading.command';
import { StartTradingHandler } from '../trading/start-trading/start-trading.handler';
import { TradingGuard } from '../trading/trading-guard';
import { RISK_AGGREGATE, SESSION_AGGREGATE } from '../trading/trading-repositories';
import { BacktestExchange } from './backtest-exchange';
import { BacktestLedger } from './backtest-ledger';
import { BacktestOptions } from './backtest-options';
import { BacktestRun, EquityPoint } from './backtest-run';
import { BacktestOptionsError, NoHistoryError } from './backtest.errors';
import { candlePath, PathPoint } from './candle-path';
import { ChartSampler } from './chart-sampler';
import { CountingEventStore } from './counting-event-store';
import { SequentialIds, VirtualClock } from './virtual-clock';

export interface BacktestDependencies {
  /** A fresh store for this run (its events are the run's record: `--keep-events` keeps the file). */
  readonly store: EventStore;
  readonly history: MarketHistory;
  /** The run's clock, when the store was built on it (recorded-at times); a new one at `from` otherwise. */
  readonly clock?: VirtualClock;
  /** Snapshots of the session and risk streams, as the live trader takes them (they grow with every order). */
  readonly snapshots?: { readonly session?: SnapshotPolicy<SessionState>; readonly risk?: SnapshotPolicy<RiskState> };
}

/** A handler of stored events and the event types it takes, as the live lanes route them. */
interface Route {
  readonly types: ReadonlySet<string>;
  readonly handle: (event: StoredEvent) => Promise<void> | void;
}

const POSITION_EVENTS = ['PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed'];
const HOUR_MS = 3_600_000;

/**
 * A backtest on the live code path: the strategy runner, the place-order handler with the trading
 * session and the risk policy, the order execution saga, the order update recorder, the position keeper
 * and the trading guard, all writing to an event store, exactly as the trader wires them; only the clock
 * is virtual and the exchange is a `BacktestExchange`. After every price the stored events are handed
 * to the same handlers the live lanes deliver them to, in position order, until nothing is left to do,
 * and the clock moves to the next price only then: a run is deterministic.
 *
 * The strategy sees only closed candles and past prices: a stored candle is given to the indicators
 * only once a price after its interval is reached, and the prices inside a candle come one at a time
 * along the documented path (`candlePath`).
 */
export class BacktestEngine {
  private readonly clock: VirtualClock;
  private readonly ids = new SequentialIds('bt');
  private readonly store: CountingEventStore;
  private readonly exchange: BacktestExchange;
  private readonly runner: StrategyRunner;
  private readonly saga: OrderExecutionSaga;
  private readonly recorder: OrderUpdateRecorder;
  private readonly routes: Route[];
  private readonly ledger = new BacktestLedger();
  private readonly placeOrder: PlaceOrderHandler;
  private readonly defineStrategy: DefineStrategyHandler;
  private readonly configureRisk: ConfigureRiskLimitsHandler;
  private readonly startTrading: StartTradingHandler;
  private readonly lastPrices = new Map<string, { text: string | null; price: number; exact: Dec | null }>();
  private readonly workers: Promise<void>[] = [];
  private readonly stopWorkers = new AbortController();
  private readonly strategy: StrategyDefinition;
  private readonly intervalMs: number;
  private readonly quote: string;
  private checkpoint: number;
  private processed = 0;

  constructor(
    private readonly deps: BacktestDependencies,
    private readonly options: BacktestOptions,
  ) {
    validate(options);
    this.clock = deps.clock ?? new VirtualClock(options.from);
    this.store = new CountingEventStore(deps.store);
    this.checkpoint = deps.store.lastPosition();
    this.strategy = { ...options.strategy, markets: [...options.markets], enabled: true };
    this.intervalMs = TIMEFRAME_MS[this.strategy.timeframe];
    this.quote = options.markets[0]?.split('-')[0] ?? 'KRW';
    const now = (): number => this.clock.now();
    const newEventId = (): string => this.ids.next();
    const base = { store: this.store, now, newEventId, cacheStates: true };
    const orders = new DeciderRepository({ ...base, aggregateType: ORDER_AGGREGATE, decider: orderDecider });
    const positions = new DeciderRepository({ ...base, aggregateType: POSITION_AGGREGATE, decider: positionDecider });
    const session = new DeciderRepository({ ...base, aggregateType: SESSION_AGGREGATE, decider: tradingSessionDecider, ...(deps.snapshots?.session ? { snapshots: deps.snapshots.session } : {}) });
    const risk = new DeciderRepository({ ...base, aggregateType: RISK_AGGREGATE, decider: riskPolicyDecider, ...(deps.snapshots?.risk ? { snapshots: deps.snapshots.risk } : {}) });
    const strategies = new DeciderRepository({ ...base, aggregateType: STRATEGY_AGGREGATE, decider: strategyDecider });

    this.exchange = new BacktestExchange({
      balances: { [this.quote]: options.initialQuote },
      feeRate: new Dec(options.feeRate),
      slippageBps: options.slippageBps,
      clock: this.clock,
      ids: new SequentialIds('ex'),
      lastPrice: (market) => this.exactLastPrice(market),
      ...(options.recordedFills ? { recordedFills: options.recordedFills } : {}),
    });
    this.placeOrder = new PlaceOrderHandler(orders, session, risk, this.clock, this.store);
    this.defineStrategy = new DefineStrategyHandler(strategies, this.clock);
    this.configureRisk = new ConfigureRiskLimitsHandler(risk, this.clock);
    this.startTrading = new StartTradingHandler(session, this.clock);
    this.saga = new OrderExecutionSaga(orders, this.store, this.exchange, this.clock, () => Promise.resolve(), {
      lookupAttempts: 5,
      lookupIntervalMs: 1_000,
      staleAfterMs: 5_000,
      unknownOutcomeBoundMs: 30_000,
      concurrency: 1,
      startedAfterPosition: this.checkpoint,
    });
    this.recorder = new OrderUpdateRecorder(orders, this.store, this.clock, this.exchange);
    this.runner = new StrategyRunner(
      {
        placeOrder: (command) => this.placeOrder.execute(command),
        availableFunds: (currency) => Promise.resolve(this.exchange.available(currency)),
      },
      this.store,
      this.clock,
      this.ids,
    );
    const keeper = new PositionKeeper(positions);
    const guard = new TradingGuard(orders, session, risk, this.clock);
    // The live lanes, in the order a quiet trader runs them: critical (execution, positions, runner), then safety.
    this.routes = [
      { types: new Set(['OrderSubmitted']), handle: (e) => this.saga.handle(e) },
      { types: new Set(['OrderFilled']), handle: (e) => keeper.handle(e) },
      { types: new Set(['OrderFilled', 'OrderCancelled', 'OrderRejected', ...POSITION_EVENTS, 'TradingStarted', 'TradingResumed']), handle: (e) => this.runner.onEvent(e) },
      // The guard's own list, so a backtest honours what the live guard does (a strategy's protections too).
      { types: new Set<string>(guard.eventTypes), handle: (e) => guard.handle(e) },
      { types: new Set(['StrategyDecided', 'OrderFilled']), handle: (e) => this.ledger.onEvent(e) },
      { types: new Set(['StrategyDecided']), handle: (e) => options.onDecision?.(e.data as StrategyDecidedData) },
    ];
  }

  async run(): Promise<BacktestRun> {
    const { options } = this;
    const updates: Parameters<Parameters<BacktestExchange['onUpdate']>[0]>[0][] = [];
    this.exchange.onUpdate((update) => updates.push(update));
    this.saga.start((_name, body) => {
      this.workers.push(body(this.stopWorkers.signal));
    });
    try {
      await this.configureRisk.execute(new ConfigureRiskLimits(options.risk, { commandId: 'backtest:risk' }));
      await this.defineStrategy.execute(new DefineStrategy(this.strategy, { commandId: 'backtest:strategy' }));
      await this.startTrading.execute(new StartTrading({ commandId: 'backtest:start' }));
      await this.drain();
      this.runner.load(this.strategy);
      let inactiveUntil = options.activeFrom ?? options.from;
      this.runner.setActive(inactiveUntil <= options.from);
      const equity = new EquitySampler(options.equityIntervalMs ?? HOUR_MS);
      const chart = new Map(options.markets.map((m) => [m, new ChartSampler(options.from, options.to, this.intervalMs, options.chartCandles ?? 1_500)]));
      const feeds = this.feeds(chart);
      if (feeds.length === 0) throw new NoHistoryError(options.markets, this.strategy.timeframe, options.from, options.to);
      const afterAction = async (acted: Promise<void>): Promise<void> => {
        await acted;
        await this.drain();
      };
      const evaluate = (market: string, at: number, price: number, text: string | null, tick: RecordedTrade | null): Promise<void> | undefined => {
        if (tick) return afterAction(this.runner.onTrade(toTradeTick(tick)));
        const acted = this.runner.onPrice(market, at, price, text);
        return acted ? afterAction(acted) : undefined;
      };
      const fillThenEvaluate = async (market: string, at: number, price: number, text: string | null, tick: RecordedTrade | null): Promise<void> => {
        this.exchange.onPrice(market, this.exactLastPrice(market) as Dec);
        for (const update of updates.splice(0)) await this.recorder.record(update);
        await this.drain();
        await evaluate(market, at, price, text, tick);
      };
      // Most prices change nothing but the indicators' windows: they run without a promise.
      const onPrice = (market: string, at: number, price: number, text: string | null, tick: RecordedTrade | null): Promise<void> | undefined => {
        this.clock.advanceTo(at);
        if (at >= inactiveUntil) {
          this.runner.setActive(true);
          inactiveUntil = Infinity;
        }
        const last = this.lastPrices.get(market);
        if (last) {
          last.text = text;
          last.price = price;
          last.exact = null;
        } else {
          this.lastPrices.set(market, { text, price, exact: null });
        }
        if (this.exchange.hasWorkingOrders(market)) return fillThenEvaluate(market, at, price, text, tick);
        return evaluate(market, at, price, text, tick);
      };
      await mergeFeeds(feeds, (item) => {
        options.signal?.throwIfAborted();
        // A candle's interval is over: only now, at the market's next price, may its indicators see it.
        if (item.closes) this.runner.closeCandle(item.market, item.closes);
        if (item.first) {
          this.processed += 1;
          if (options.onProgress && this.processed % (options.progressEvery ?? 50_000) === 0) options.onProgress({ processed: this.processed, at: item.at, from: options.from, to: options.to });
        }
        const pending = onPrice(item.market, item.at, item.price, item.text, item.trade);
        if (!pending) {
          if (equity.due(item.at)) equity.record(item.at, this.equityNumber());
          return undefined;
        }
        return pending.then(() => {
          if (equity.due(item.at)) equity.record(item.at, this.equityNumber());
        });
      });
      equity.finish(Math.max(this.clock.now(), options.from), this.equityNumber());
      return this.result(equity.points(), chart);
    } finally {
      this.stopWorkers.abort('backtest finished');
      await Promise.allSettled(this.workers);
    }
  }

  /** The run's events, for tests and the replay diff. */
  events(): Iterable<StoredEvent> {
    return this.deps.store.readAll(1);
  }

  /**
   * Hands every stored event not yet handled to its routes, until the handlers append nothing more.
   * Only appends make events to hand on, and every append of the run goes through `store`, which gives
   * the committed envelopes as the live lanes get them (or reads the log when its store cannot).
   */
  private async drain(): Promise<void> {
    for (;;) {
      await this.saga.idle();
      const appended = this.store.takeAppended(this.checkpoint + 1);
      if (!appended) return;
      for (const event of appended) {
        this.checkpoint = event.position;
        for (const route of this.routes) if (route.types.has(event.type)) await route.handle(event);
      }
    }
  }

  private feeds(chart: Map<string, ChartSampler>): Feed[] {
    const { options, deps } = this;
    const feeds: Feed[] = [];
    const warmUp = options.warmUpCandles ?? 200;
    for (const market of options.markets) {
      const useTrades = options.source === 'trades' || (options.source !== 'candles' && hasAny(deps.history.trades(market, options.from, options.to)));
      // Closed candles only: one that started less than an interval before `from` was still forming then.
      const before = lastN(deps.history.candles(market, this.strategy.timeframe, options.from - warmUp * this.intervalMs * 4, options.from - this.intervalMs + 1), warmUp);
      this.runner.warmUp(market, before.map((c) => ({ open: new Dec(c.open), high: new Dec(c.high), low: new Dec(c.low), close: new Dec(c.close), volume: new Dec(c.volume) })));
      const sampler = chart.get(market) as ChartSampler;
      if (useTrades) {
        const trades = deps.history.trades(market, options.from, options.to)[Symbol.iterator]();
        const feed = tradeFeed(trades, sampler, this.intervalMs);
        if (feed.head) feeds.push(feed);
      } else if (deps.history.candleColumns) {
        const pages = deps.history.candleColumns(market, this.strategy.timeframe, options.from, options.to)[Symbol.iterator]();
        const feed = columnFeed(market, pages, this.intervalMs, sampler);
        if (feed.head) feeds.push(feed);
      } else {
        const candles = deps.history.candles(market, this.strategy.timeframe, options.from, options.to)[Symbol.iterator]();
        const feed = candleFeed(candles, this.intervalMs, sampler);
        if (feed.head) feeds.push(feed);
      }
    }
    return feeds;
  }

  private exactLastPrice(market: string): Dec | undefined {
    const last = this.lastPrices.get(market);
    if (!last) return undefined;
    last.exact ??= new Dec(last.text ?? String(last.price));
    return last.exact;
  }

  /** Account value in numbers, for the equity curve (the final equity is computed exactly). */
  private equityNumber(): number {
    let equity = this.exchange.total(this.quote).toNumber();
    for (const [market, volume] of this.ledger.holdings()) equity += volume.toNumber() * (this.lastPrices.get(market)?.price ?? 0);
    return equity;
  }

  private exactEquity(): Dec {
    let equity = this.exchange.total(this.quote);
    for (const [market, volume] of this.ledger.holdings()) equity = equity.plus(volume.mul(this.exactLastPrice(market) ?? 0));
    return equity;
  }

  private result(equity: EquityPoint[], chart: Map<string, ChartSampler>): BacktestRun {
    const { options } = this;
    const end = Math.max(this.clock.now(), options.from);
    return {
      strategyId: this.strategy.id,
      strategyVersion: this.strategy.version,
      markets: [...options.markets],
      timeframe: this.strategy.timeframe as Timeframe,
      from: options.from,
      to: options.to,
      initialQuote: new Dec(options.initialQuote).toFixed(),
      finalEquity: this.exactEquity().toFixed(),
      feeRate: new Dec(options.feeRate).toFixed(),
      slippageBps: options.slippageBps,
      equity,
      equityIntervalMs: options.equityIntervalMs ?? HOUR_MS,
      exposureMs: this.ledger.exposure(end),
      trades: this.ledger.trades((market) => this.exactLastPrice(market)),
      decisions: this.ledger.decisionCount(),
      candlesProcessed: this.processed,
      chart: Object.fromEntries([...chart].map(([market, sampler]) => [market, sampler.candles()])),
    };
  }
}

/** The next price of one market's stream, and the candle to close before it (candle streams). */
interface FeedItem {
  market: string;
  at: number;
  price: number;
  /** The exact decimal of `price`; null when `String(price)` is it (a column page whose prices print back exactly). */
  text: string | null;
  /** The recorded trade this price is (then the runner builds candles from trades, as live). */
  trade: RecordedTrade | null;
  /** A stored candle whose interval ended before this price. */
  closes: IndicatorCandle | null;
  /** The first price of a candle, or a trade: one processed item. */
  first: boolean;
}

interface IndicatorCandle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

interface Feed {
  head: FeedItem | null;
  advance(): void;
}

function candleFeed(candles: Iterator<StoredCandle>, intervalMs: number, chart: ChartSampler): Feed {
  const path: PathPoint[] = [];
  let count = 0;
  let index = 0;
  let current: IndicatorCandle | null = null;
  const item: FeedItem = { market: '', at: 0, price: 0, text: '', trade: null, closes: null, first: false };
  const feed: Feed = {
    head: null,
    advance() {
      if (feed.head && index + 1 < count) {
        index += 1;
        setPoint(path[index] as PathPoint, null, false);
        return;
      }
      const next = candles.next();
      if (next.done) {
        feed.head = null;
        return;
      }
      const candle = next.value;
      const closes = current;
      current = { open: Number(candle.open), high: Number(candle.high), low: Number(candle.low), close: Number(candle.close), volume: Number(candle.volume) };
      chart.add(candle.start, current.open, current.high, current.low, current.close);
      count = candlePath(candle, current, intervalMs, path);
      index = 0;
      item.market = candle.market;
      setPoint(path[0] as PathPoint, closes, true);
    },
  };
  const setPoint = (point: PathPoint, closes: IndicatorCandle | null, first: boolean): void => {
    item.at = point.at;
    item.price = point.price;
    item.text = point.text;
    item.closes = closes;
    item.first = first;
    feed.head = item;
  };
  feed.advance();
  return feed;
}

/**
 * The candles of one market from number columns (`MarketHistory.candleColumns`): the same prices, path
 * and closes as `candleFeed`, without an object or a parsed string per candle but the closed candle.
 */
function columnFeed(market: string, pages: Iterator<CandleColumns>, intervalMs: number, chart: ChartSampler): Feed {
  // The path of the current candle, as `candlePath` builds it: open, low at 1/3, high at 2/3, close; a repeated price left out.
  const pathAt = [0, 0, 0, 0];
  const pathPrice = [0, 0, 0, 0];
  const pathText: Array<string | null> = [null, null, null, null];
  let count = 0;
  let index = 0;
  let page: CandleColumns | null = null;
  let row = 0;
  let current: IndicatorCandle | null = null;
  // Two candles in turn, not one object per candle: the one forming and the one that closed, which the
  // runner reads during its `closeCandle` call at the next price and keeps nothing of.
  const candles: [IndicatorCandle, IndicatorCandle] = [
    { open: 0, high: 0, low: 0, close: 0, volume: 0 },
    { open: 0, high: 0, low: 0, close: 0, volume: 0 },
  ];
  let turn = 0;
  const item: FeedItem = { market, at: 0, price: 0, text: null, trade: null, closes: null, first: false };
  const push = (at: number, price: number, text: string | null): void => {
    if (count > 0 && pathPrice[count - 1] === price) return;
    pathAt[count] = at;
    pathPrice[count] = price;
    pathText[count] = text;
    count += 1;
  };
  const setPoint = (i: number, closes: IndicatorCandle | null, first: boolean): void => {
    item.at = pathAt[i] as number;
    item.price = pathPrice[i] as number;
    item.text = pathText[i] as string | null;
    item.closes = closes;
    item.first = first;
    feed.head = item;
  };
  const feed: Feed = {
    head: null,
    advance() {
      if (feed.head && index + 1 < count) {
        index += 1;
        setPoint(index, null, false);
        return;
      }
      if (page) row += 1;
      while (!page || row >= page.count) {
        const next = pages.next();
        if (next.done) {
          feed.head = null;
          return;
        }
        page = next.value;
        row = 0;
      }
      const start = page.start[row] as number;
      const texts = page.texts;
      const closes = current;
      current = candles[turn];
      turn ^= 1;
      current.open = page.open[row] as number;
      current.high = page.high[row] as number;
      current.low = page.low[row] as number;
      current.close = page.close[row] as number;
      current.volume = page.volume[row] as number;
      chart.add(start, current.open, current.high, current.low, current.close);
      count = 0;
      push(start, current.open, texts ? (texts.open[row] as string) : null);
      push(start + Math.floor(intervalMs / 3), current.low, texts ? (texts.low[row] as string) : null);
      push(start + Math.floor((2 * intervalMs) / 3), current.high, texts ? (texts.high[row] as string) : null);
      push(start + intervalMs - 1, current.close, texts ? (texts.close[row] as string) : null);
      index = 0;
      setPoint(0, closes, true);
    },
  };
  feed.advance();
  return feed;
}

function tradeFeed(trades: Iterator<RecordedTrade>, chart: ChartSampler, intervalMs: number): Feed {
  const feed: Feed = {
    head: null,
    advance() {
      const next = trades.next();
      if (next.done) {
        feed.head = null;
        return;
      }
      const trade = next.value;
      const price = Number(trade.price);
      chart.add(trade.timestamp - (trade.timestamp % intervalMs), price, price, price, price);
      feed.head = { market: trade.market, at: trade.timestamp, price, text: trade.price, trade, closes: null, first: true };
    },
  };
  feed.advance();
  return feed;
}

/** Feeds the prices of every market in time order (ties: the order of the markets). */
async function mergeFeeds(feeds: Feed[], handle: (item: FeedItem) => Promise<void> | undefined): Promise<void> {
  for (;;) {
    let next: Feed | null = null;
    for (const feed of feeds) if (feed.head && (!next || feed.head.at < (next.head as FeedItem).at)) next = feed;
    if (!next) return;
    const pending = handle(next.head as FeedItem);
    if (pending) await pending;
    next.advance();
  }
}

class EquitySampler {
  private readonly samples: EquityPoint[] = [];
  private nextAt = -Infinity;

  constructor(private readonly intervalMs: number) {}

  due(at: number): boolean {
    return at >= this.nextAt;
  }

  record(at: number, equity: number): void {
    this.samples.push({ at, equity });
    this.nextAt = at - (at % this.intervalMs) + this.intervalMs;
  }

  finish(at: number, equity: number): void {
    const last = this.samples.at(-1);
    if (last && last.at === at) this.samples[this.samples.length - 1] = { at, equity };
    else this.samples.push({ at, equity });
  }

  points(): EquityPoint[] {
    return this.samples;
  }
}

function toTradeTick(trade: RecordedTrade): TradeTick {
  return {
    kind: 'trade',
    market: trade.market,
    price: new Dec(trade.price),
    volume: new Dec(trade.volume),
    askBid: trade.side === 'ask' ? 'ASK' : 'BID',
    sequentialId: trade.sequentialId,
    tradeTimestamp: trade.timestamp,
    timestamp: trade.timestamp,
    streamType: 'REALTIME',
  };
}

function hasAny<T>(items: Iterable<T>): boolean {
  for (const item of items) {
    void item;
    return true;
  }
  return false;
}

function lastN<T>(items: Iterable<T>, n: number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    kept.push(item);
    if (kept.length > n) kept.shift();
  }
  return kept;
}

function validate(options: BacktestOptions): void {
  if (options.markets.length === 0) throw new BacktestOptionsError('markets', 'at least one market is needed');
  if (!Number.isFinite(options.from) || !Number.isFinite(options.to) || options.from >= options.to) throw new BacktestOptionsError('from', 'the range must have from < to');
  const quotes = new Set(options.markets.map((m) => m.split('-')[0]));
  if (quotes.size > 1) throw new BacktestOptionsError('markets', 'all markets must share one quote currency');
  for (const [field, text] of [
    ['initialQuote', options.initialQuote],
    ['feeRate', options.feeRate],
  ] as const) {
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) throw new BacktestOptionsError(field, `expected a non-negative decimal number, got "${text}"`);
  }
  if (Number(options.initialQuote) <= 0) throw new BacktestOptionsError('initialQuote', 'must be positive');
  if (Number(options.feeRate) >= 0.1) throw new BacktestOptionsError('feeRate', 'is a fraction per side (0.0005 for 0.05%)');
  if (!Number.isFinite(options.slippageBps) || options.slippageBps < 0 || options.slippageBps > 1_000) throw new BacktestOptionsError('slippageBps', 'expected a number from 0 to 1000');
}

