import { Dec, Money, orderFunds, StrategyDecision, StrategyDefinition, StrategyInstance } from '@trader/domain';
import type { BuyReason, Clock, CloseReason, ManagementState, OrderEvent, PositionEvent } from '@trader/domain';
import { StoredEvent } from '../ports/event-envelope';
import { EventStore } from '../ports/event-store.port';
import { IdGenerator } from '../ports/id-generator.port';
import { TradeTick } from '../ports/market-data-feed.types';
import { CandleBuilder } from '../market-data/candle-builder';
import { BuiltCandle } from '../market-data/candle';
import { PlaceOrder } from '../orders/place-order/place-order.command';
import { ORDER_AGGREGATE } from '../orders/order-repository';
import { PlaceOrderResult } from '../orders/place-order/place-order.handler';
import { PositionRepository } from '../positions/position-repository';
import {
  STRATEGY_DECIDED,
  STRATEGY_MANAGEMENT_SAVED,
  StrategyDecidedData,
  StrategyManagementSavedData,
  decisionStream,
} from './strategy-decided.event';
import { MarketAlreadyTradedError } from './strategy-runner.errors';
import { TIMEFRAME_MS } from './timeframes';

export interface StrategyRunnerPorts {
  /** Sends the command to PlaceOrderHandler (through the command bus in the app). */
  placeOrder(command: PlaceOrder): Promise<PlaceOrderResult>;
  /** Quote currency available for new buys (balance not locked by open orders). */
  availableFunds(currency: string): Promise<Dec>;
}

/** An order still open after a restart, which keeps its market busy until it settles. */
export interface OpenOrderToRestore {
  readonly orderId: string;
  readonly market: string;
  readonly side: 'buy' | 'sell';
  /** Funds a buy spends or volume a sell sells. */
  readonly requested: string;
}

interface PendingOrder {
  readonly orderId: string;
  readonly side: 'buy' | 'sell';
  /** What a buy counts as once filled (a merged add counts for each of its rules); empty for a sell. */
  readonly buyReasons: readonly BuyReason[];
  /** Funds a buy spends, volume a sell sells: the order is filled when its executions reach it. */
  readonly requested: Dec;
  closed: boolean;
  executedVolume: Dec;
  executedFunds: Dec;
  /** Trades of this order not yet reflected in the position. */
  readonly awaitingPosition: Set<string>;
}

interface Running {
  readonly strategyId: string;
  readonly definition: StrategyDefinition;
  readonly instance: StrategyInstance;
  readonly candles: CandleBuilder;
  pending: PendingOrder | null;
}

interface PositionView {
  quantity: Dec;
  averagePrice: Dec;
  /** What the rules read on every tick, computed once per position change: null when flat. */
  readonly rules: { readonly averagePrice: number } | null;
}

function positionView(quantity: Dec, averagePrice: Dec): PositionView {
  return { quantity, averagePrice, rules: quantity.gt(0) ? { averagePrice: averagePrice.toNumber() } : null };
}

/** The market, moment and exact price a decision was taken at. */
interface DecidedAt {
  readonly market: string;
  readonly tradeTimestamp: number;
  readonly price: Dec;
}

type OrderFilledData = Extract<OrderEvent, { type: 'OrderFilled' }>['data'];
type PositionData = Exclude<PositionEvent, { type: 'PositionSellDeferred' }>['data'];

/** How long a denied action waits before the runner tries it again. */
const DENIAL_PAUSE_MS = 60_000;

/** Upbit volumes have 8 decimals. */
const VOLUME_DECIMALS = 8;

/**
 * Runs the enabled strategies: builds each one's candles from trades, feeds its indicators, evaluates
 * it on every tick, and turns its decisions into orders (stops, take-profits and trailing stops are
 * ours, evaluated here on every tick, because Upbit has none). Every decision is recorded as an event,
 * and its id is the correlation id of the order that follows.
 *
 * It acts on one market through one order at a time: after placing an order it ignores new decisions
 * for that market until the order is closed and every one of its trades is reflected in the position
 * (both arrive as stored events, in order, through `onEvent`).
 */
export class StrategyRunner {
  private readonly running = new Map<string, Running>();
  private readonly positions = new Map<string, PositionView>();
  private readonly byOrder = new Map<string, Running>();
  /**
   * After a denial, the same action on the same market waits `DENIAL_PAUSE_MS` before it is tried (and
   * recorded) again. A denial by the session (halted, not started) lasts only until it trades again:
   * `sessionTradesAfter` is the count of starts and resumes seen before the order was placed.
   */
  private readonly paused = new Map<string, { readonly until: number; readonly sessionTradesAfter: number | null }>();
  /** TradingStarted and TradingResumed events seen: a pause by the session ends at the next one. */
  private sessionTrades = 0;
  private active = false;

  constructor(
    private readonly ports: StrategyRunnerPorts,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Starts running `definition` on each of its markets. One strategy per market. */
  load(definition: StrategyDefinition): void {
    for (const market of definition.markets) {
      const existing = this.running.get(market);
      if (existing) throw new MarketAlreadyTradedError(market, [existing.strategyId, definition.id]);
      this.running.set(market, {
        strategyId: definition.id,
        definition,
        instance: new StrategyInstance(definition, market),
        candles: new CandleBuilder(TIMEFRAME_MS[definition.timeframe]),
        pending: null,
      });
    }
  }

  /** Stops running a strategy; an order it has in flight still completes through the sagas. */
  unload(strategyId: string): void {
    for (const [market, run] of this.running) if (run.strategyId === strategyId) this.running.delete(market);
  }

  /**
   * Only an active runner acts on decisions; an inactive one still builds candles, indicators and tick
   * windows, so it is ready the moment trading starts (after the start-up reconciliation).
   */
  setActive(active: boolean): void {
    this.active = active;
  }

  markets(): string[] {
    return [...this.running.keys()];
  }

  /** The management state of the strategy running on `market` (what the rules remember about the position). */
  management(market: string): ManagementState | undefined {
    return this.running.get(market)?.instance.management;
  }

  /**
   * After a restart, before the first tick: the position of each market, the management state each
   * strategy last recorded, and the orders still open (the market stays busy until they settle).
   */
  async restore(positions: PositionRepository, openOrders: ReadonlyArray<OpenOrderToRestore>): Promise<void> {
    for (const market of this.running.keys()) await this.restoreMarket(market, positions, openOrders);
  }

  /** `restore` for one market, for a strategy loaded while the process runs (enabled, revised). */
  async restoreMarket(market: string, positions: PositionRepository, openOrders: ReadonlyArray<OpenOrderToRestore>): Promise<void> {
    const run = this.running.get(market);
    if (!run) return;
    const { state } = await positions.load(market);
    this.positions.set(market, positionView(new Dec(state.quantity.toFixed()), new Dec(state.quantity.isZero() ? 0 : state.costBasis.div(state.quantity).toFixed())));
    const decisions = [...this.store.readStream(decisionStream(run.strategyId))];
    const saved = decisions.filter((e) => (e.data as { market: string }).market === market).at(-1);
    if (saved) run.instance.restoreManagement((saved.data as StrategyDecidedData | StrategyManagementSavedData).management);
    const open = openOrders.find((o) => o.market === market);
    if (!open) return;
    const decided = decisions.find((e) => (e.data as StrategyDecidedData).orderId === open.orderId)?.data as StrategyDecidedData | undefined;
    run.pending = {
      orderId: open.orderId,
      side: open.side,
      buyReasons: decided ? buyReasonsOf(decided.decision) : [],
      requested: new Dec(open.requested),
      closed: false,
      executedVolume: new Dec(0),
      executedFunds: new Dec(0),
      awaitingPosition: new Set(),
    };
    this.byOrder.set(open.orderId, run);
  }

  /** A public trade: feeds the candle, then evaluates the strategy at the trade price. */
  async onTrade(tick: TradeTick): Promise<void> {
    const run = this.running.get(tick.market);
    if (!run) return;
    const closed = run.candles.add({ market: tick.market, price: tick.price, volume: tick.volume, tradeTimestamp: tick.tradeTimestamp, sequentialId: tick.sequentialId });
    if (closed) run.instance.onCandle(toIndicatorCandle(closed));
    await this.evaluate(run, tick.market, tick.tradeTimestamp, tick.price.toNumber(), tick.price);
  }

  /**
   * A backtest on stored candles: a candle of the strategy's timeframe closed. The engine calls it only
   * once the candle's interval is over, so the strategy never sees a candle that is still forming. The
   * candle is read during the call, never kept: the engine reuses the object for a later candle.
   */
  closeCandle(market: string, candle: { open: number; high: number; low: number; close: number; volume: number }): void {
    this.running.get(market)?.instance.onCandle(candle);
  }

  /**
   * A backtest on stored candles: the market traded at `price` at `at` (a point of the candle's assumed
   * path). The same evaluation and the same actions as a live trade; `priceText` is the exact decimal,
   * or null when `String(price)` is (read only when the decision is acted on).
   * Returns undefined when nothing is to be done (most prices), so a backtest awaits only an action.
   */
  onPrice(market: string, at: number, price: number, priceText: string | null): Promise<void> | undefined {
    const run = this.running.get(market);
    if (!run) return undefined;
    return this.evaluate(run, market, at, price, priceText);
  }

  /**
   * Evaluates the strategy at a price; a promise only when the decision is acted on. `exact` is the
   * price as a decimal, or its text (null: `String(price)`), parsed only then: not a closure, which
   * would be allocated at every price of a backtest.
   */
  private evaluate(run: Running, market: string, at: number, price: number, exact: Dec | string | null): Promise<void> | undefined {
    const { decision } = run.instance.onTick(at, price, this.positions.get(market)?.rules ?? null);
    if (!decision || run.pending || !this.active) return undefined;
    if (this.isPaused(`${market}:${decision.action}`, at)) return undefined;
    return this.act(run, decision, { market, tradeTimestamp: at, price: exact instanceof Dec ? exact : new Dec(exact ?? String(price)) });
  }

  /**
   * Feeds closed historical candles (oldest first, of the strategy's timeframe, for example from the
   * exchange's candle endpoint) so indicators are ready before the first live trade.
   */
  warmUp(market: string, candles: ReadonlyArray<{ open: Dec; high: Dec; low: Dec; close: Dec; volume: Dec }>): void {
    const run = this.running.get(market);
    if (!run) return;
    for (const c of candles) run.instance.onCandle({ open: c.open.toNumber(), high: c.high.toNumber(), low: c.low.toNumber(), close: c.close.toNumber(), volume: c.volume.toNumber() });
  }

  /** The timeframe of the strategy running on `market`, for fetching its warm-up candles. */
  timeframeOf(market: string): StrategyDefinition['timeframe'] | undefined {
    return this.running.get(market)?.definition.timeframe;
  }

  /** Closes the candles of quiet markets whose interval is over. */
  flushCandles(now: number): void {
    for (const run of this.running.values()) {
      for (const candle of run.candles.flush(now)) run.instance.onCandle(toIndicatorCandle(candle));
    }
  }

  /** Stored events in position order: order outcomes, position changes, and the session trading again. */
  async onEvent(event: StoredEvent): Promise<void> {
    switch (event.type) {
      case 'TradingStarted':
      case 'TradingResumed':
        this.sessionTrades += 1;
        return;
      case 'PositionOpened':
      case 'PositionIncreased':
      case 'PositionReduced':
      case 'PositionClosed': {
        const data = event.data as PositionData;
        this.positions.set(data.market, positionView(new Dec(data.quantity), new Dec(data.averageEntryPrice)));
        for (const run of this.running.values()) {
          if (run.pending?.awaitingPosition.delete(data.tradeId)) await this.settle(run);
        }
        return;
      }
      case 'OrderFilled': {
        const data = event.data as OrderFilledData;
        const run = this.byOrder.get(data.orderId);
        if (!run?.pending) return;
        run.pending.awaitingPosition.add(data.tradeId);
        run.pending.executedVolume = new Dec(data.executedVolume);
        run.pending.executedFunds = new Dec(data.executedFunds);
        // A market buy that cannot spend its last funds is closed by Upbit with a cancel (OrderCancelled).
        const executed = run.pending.side === 'buy' ? run.pending.executedFunds : run.pending.executedVolume;
        if (executed.gte(run.pending.requested)) run.pending.closed = true;
        await this.settle(run);
        return;
      }
      case 'OrderCancelled':
      case 'OrderRejected':
      case 'OrderDenied': {
        const run = this.byOrder.get((event.data as { orderId: string }).orderId);
        if (!run?.pending) return;
        run.pending.closed = true;
        await this.settle(run);
        return;
      }
      default:
        return;
    }
  }

  private async act(run: Running, decision: StrategyDecision, tick: DecidedAt): Promise<void> {
    const [quote] = tick.market.split('-') as [string];
    switch (decision.action) {
      case 'enter':
      case 'add': {
        const available = await this.ports.availableFunds(quote);
        // A merged add (merge policy) is one order for the sum of its parts, each sized on the same balance.
        const sizings = decision.action === 'add' ? [decision.sizing, ...(decision.merged ?? []).map((m) => m.sizing)] : [decision.sizing];
        const funds = available.gt(0) ? sizings.reduce((sum, sizing) => sum.plus(orderFunds(sizing, Money.of(available.toFixed(), quote)).amount), new Dec(0)) : null;
        if (!funds || !funds.gt(0) || funds.gt(available)) {
          await this.record(run, decision, tick, 'skipped', null, `not enough ${quote} available (${available.toFixed()})`);
          return;
        }
        await this.place(run, decision, tick, { side: 'buy', funds: funds.toFixed() }, decision.action === 'enter' ? 'entry' : 'add', buyReasonsOf(decision));
        return;
      }
      case 'close': {
        const quantity = this.positions.get(tick.market)?.quantity.toDecimalPlaces(VOLUME_DECIMALS, Dec.ROUND_DOWN);
        if (!quantity || quantity.lte(0)) {
          await this.record(run, decision, tick, 'skipped', null, 'no position to close');
          return;
        }
        await this.place(run, decision, tick, { side: 'sell', volume: quantity.toFixed() }, 'exit', [], decision.reason);
        return;
      }
      case 'hold':
        await this.record(run, decision, tick, 'recorded', null, null);
        return;
    }
  }

  private async place(
    run: Running,
    decision: StrategyDecision,
    tick: DecidedAt,
    terms: { side: 'buy'; funds: string } | { side: 'sell'; volume: string },
    intent: 'entry' | 'add' | 'exit',
    buyReasons: readonly BuyReason[],
    exitReason?: CloseReason,
  ): Promise<void> {
    const orderId = this.ids.next();
    run.pending = {
      orderId,
      side: terms.side,
      buyReasons,
      requested: new Dec(terms.side === 'buy' ? terms.funds : terms.volume),
      closed: false,
      executedVolume: new Dec(0),
      executedFunds: new Dec(0),
      awaitingPosition: new Set(),
    };
    this.byOrder.set(orderId, run);
    // Taken before anything is awaited: a resume the lane delivers while the order is placed ends its pause.
    const sessionTradesBefore = this.sessionTrades;
    const correlationId = await this.record(run, decision, tick, 'order_requested', orderId, null);
    let outcome: PlaceOrderResult;
    try {
      outcome = await this.ports.placeOrder(
        new PlaceOrder(orderId, { market: tick.market, orderType: 'market', referencePrice: tick.price.toFixed(), ...terms }, { commandId: orderId, correlationId }, intent, exitReason),
      );
    } catch (error) {
      await this.placementFailed(run, decision, tick, orderId, error);
      return;
    }
    if (outcome.status === 'denied') {
      run.pending = null;
      this.byOrder.delete(orderId);
      // A halted session or a limit denies every tick's repeat of the decision: pause that action. A
      // halt is often brief (a stream-gap reconciliation takes a fraction of a second): the session's
      // pause ends as soon as it trades again, not a minute later.
      this.paused.set(`${tick.market}:${decision.action}`, {
        until: tick.tradeTimestamp + DENIAL_PAUSE_MS,
        sessionTradesAfter: outcome.deniedBy === 'session' ? sessionTradesBefore : null,
      });
      await this.record(run, decision, tick, 'order_denied', orderId, `${outcome.deniedBy}: ${outcome.reasonCode}`);
    }
  }

  /**
   * Placing threw (the command bus, the store, invalid terms). Unless the order was stored before the
   * throw, and so is live and settles through its events, the market is freed: a pending order that
   * never comes would stop its strategy for good. The failure is recorded, and the action paused as a
   * denied one is, so a lasting fault does not fail on every tick. Not rethrown: the trade loop that
   * calls the runner serves every market.
   */
  private async placementFailed(run: Running, decision: StrategyDecision, tick: DecidedAt, orderId: string, error: unknown): Promise<void> {
    const stored = [...this.store.readStream(`${ORDER_AGGREGATE}-${orderId}`)].length > 0;
    if (!stored && run.pending?.orderId === orderId) {
      run.pending = null;
      this.byOrder.delete(orderId);
    }
    this.paused.set(`${tick.market}:${decision.action}`, { until: tick.tradeTimestamp + DENIAL_PAUSE_MS, sessionTradesAfter: null });
    await this.record(run, decision, tick, 'order_failed', orderId, failureDetail(error));
  }

  private isPaused(key: string, at: number): boolean {
    const pause = this.paused.get(key);
    if (!pause) return false;
    if (pause.until > at && (pause.sessionTradesAfter === null || this.sessionTrades <= pause.sessionTradesAfter)) return true;
    this.paused.delete(key);
    return false;
  }

  /** An order is settled once it is closed and the position shows all its trades. */
  private async settle(run: Running): Promise<void> {
    const pending = run.pending;
    if (!pending || !pending.closed || pending.awaitingPosition.size > 0) return;
    if (pending.side === 'buy' && pending.executedVolume.gt(0) && pending.buyReasons.length > 0) {
      run.instance.recordBuy(pending.buyReasons, pending.executedFunds.div(pending.executedVolume).toNumber());
    }
    if (pending.side === 'sell' && !(this.positions.get(run.instance.market)?.quantity.gt(0) ?? false)) {
      run.instance.recordPositionClosed();
    }
    this.byOrder.delete(pending.orderId);
    run.pending = null;
    const data: StrategyManagementSavedData = { strategyId: run.strategyId, market: run.instance.market, management: run.instance.management, at: this.clock.now() };
    await this.store.append(decisionStream(run.strategyId), 'any', [{ eventId: this.ids.next(), type: STRATEGY_MANAGEMENT_SAVED, data }]);
  }

  private async record(
    run: Running,
    decision: StrategyDecision,
    tick: DecidedAt,
    outcome: StrategyDecidedData['outcome'],
    orderId: string | null,
    detail: string | null,
  ): Promise<string> {
    const eventId = this.ids.next();
    const data: StrategyDecidedData = {
      strategyId: run.strategyId,
      market: tick.market,
      decision,
      price: tick.price.toFixed(),
      outcome,
      orderId,
      detail,
      management: run.instance.management,
      at: this.clock.now(),
      tickAt: tick.tradeTimestamp,
    };
    await this.store.append(decisionStream(run.strategyId), 'any', [{ eventId, type: STRATEGY_DECIDED, data, metadata: { correlationId: eventId } }]);
    return eventId;
  }
}

/** What a buy decided this way counts as once it fills; nothing for any other decision. */
function buyReasonsOf(decision: StrategyDecision): BuyReason[] {
  if (decision.action === 'enter') return ['entry'];
  if (decision.action === 'add') return [decision.reason, ...(decision.merged ?? []).map((m) => m.reason)];
  return [];
}

function failureDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

function toIndicatorCandle(candle: BuiltCandle): { open: number; high: number; low: number; close: number; volume: number } {
  return { open: candle.open.toNumber(), high: candle.high.toNumber(), low: candle.low.toNumber(), close: candle.close.toNumber(), volume: candle.volume.toNumber() };
}
