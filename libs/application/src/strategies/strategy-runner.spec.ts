import { basicSevenRulesStrategy, Dec } from '@trader/domain';
import { StoredEvent } from '../ports/event-envelope';
import { OrderBookSnapshot, TradeTick } from '../ports/market-data-feed.types';
import { OrderExecutionSaga } from '../orders/order-execution/order-execution.saga';
import { TestWorkers, testWorkers } from '../testing/test-workers';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { PaperExchange } from '../testing/paper-exchange';
import { PositionKeeper } from '../positions/position-keeper';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { MarketAlreadyTradedError } from './strategy-runner.errors';
import { StrategyRunner } from './strategy-runner';
import { SESSION_ID } from '../trading/trading-repositories';

/** The fault injected into placements: the command bus fails before the handler runs. */
class CommandBusDownError extends Error {
  readonly code = 'command_bus_down';
  constructor() {
    super('the command bus is down');
  }
}

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 23, 0, 0, 0);

const running: TestWorkers[] = [];
afterEach(async () => {
  for (const workers of running.splice(0)) await workers.stop();
});

/** The whole application flow on one in-memory store: runner, order handler, execution saga, position keeper, paper exchange. */
function world() {
  const repos = inMemoryRepositories(START);
  const { clock, store, orders, positions, ids } = repos;
  let last = new Dec('100000000');
  const book = (): OrderBookSnapshot => ({
    kind: 'orderbook',
    market: 'KRW-BTC',
    totalAskSize: new Dec(10),
    totalBidSize: new Dec(10),
    units: [{ askPrice: last.plus(1000), askSize: new Dec(10), bidPrice: last.minus(1000), bidSize: new Dec(10) }],
    timestamp: clock.now(),
    streamType: 'REALTIME',
  });
  const exchange = new PaperExchange({ latest: () => book() }, { balances: { KRW: '1000000' }, now: () => clock.now(), ids });
  const placeOrder = new PlaceOrderHandler(orders, repos.session, repos.risk, clock, store);
  const saga = new OrderExecutionSaga(orders, store, exchange, clock, async () => undefined, {
    lookupAttempts: 1,
    lookupIntervalMs: 0,
    startedAfterPosition: 0,
    staleAfterMs: 60_000,
    unknownOutcomeBoundMs: 30_000,
    concurrency: 1,
  });
  const workers = testWorkers();
  running.push(workers);
  saga.start(workers.spawn);
  /** Injected faults: how many of the next placements throw before reaching the handler. */
  const faults = { placements: 0 };
  const keeper = new PositionKeeper(positions);
  const runner = new StrategyRunner(
    {
      placeOrder: (command) => {
        if (faults.placements > 0) {
          faults.placements -= 1;
          return Promise.reject(new CommandBusDownError());
        }
        return placeOrder.execute(command);
      },
      availableFunds: async (currency) => (await exchange.getAccounts()).find((a) => a.currency === currency)?.balance ?? new Dec(0),
    },
    store,
    clock,
    ids,
  );
  runner.setActive(true);

  // Stands in for the lane dispatcher: every subscriber sees every stored event once, in order.
  let cursor = 0;
  async function pump(): Promise<void> {
    for (;;) {
      const next = [...store.readAll(cursor + 1, 100)];
      if (next.length === 0) return;
      for (const event of next) {
        cursor = event.position;
        await saga.handle(event);
        await saga.idle();
        await keeper.handle(event);
        await runner.onEvent(event);
      }
    }
  }

  let sequence = 0;
  function tick(price: number, at: number): TradeTick {
    clock.set(at);
    last = new Dec(price);
    return {
      kind: 'trade',
      market: 'KRW-BTC',
      price: last,
      volume: new Dec('0.01'),
      askBid: 'ASK',
      sequentialId: (sequence += 1),
      tradeTimestamp: at,
      timestamp: at,
      streamType: 'REALTIME',
    };
  }
  async function trade(price: number, at: number): Promise<void> {
    await runner.onTrade(tick(price, at));
    await pump();
  }

  const decisions = (): Array<{ action: string; reason?: string; outcome: string }> =>
    store
      .all()
      .filter((e) => e.type === 'StrategyDecided')
      .map((e) => {
        const data = e.data as { decision: { action: string; reason?: string }; outcome: string };
        return { action: data.decision.action, ...(data.decision.reason ? { reason: data.decision.reason } : {}), outcome: data.outcome };
      });
  return { ...repos, exchange, runner, placeOrder, faults, tick, trade, pump, decisions };
}

describe('StrategyRunner', () => {
  it('enters on RSI below 30, then exits at once on a crash, recording the whole chain', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    // Sixteen falling one-minute candles take RSI(14) to 0.
    for (let minute = 0; minute <= 16; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    expect(w.decisions()).toEqual([{ action: 'enter', outcome: 'order_requested' }]);
    const entry = (await w.positions.load('KRW-BTC')).state;
    expect(entry.quantity.gt(0)).toBe(true);

    // Still falling, but slowly: nothing new (no add before -5% from the average, no exit).
    await w.trade(96_700_000, START + 16 * MINUTE + 10_000);
    expect(w.decisions()).toHaveLength(1);

    // A 6% fall within the minute: the crash exit sells everything at once.
    await w.trade(90_800_000, START + 16 * MINUTE + 30_000);
    expect(w.decisions()).toEqual([
      { action: 'enter', outcome: 'order_requested' },
      { action: 'close', reason: 'crash_exit', outcome: 'order_requested' },
    ]);
    const closed = (await w.positions.load('KRW-BTC')).state;
    expect(closed.quantity.isZero()).toBe(true);
    expect(closed.realizedPnl.isNegative()).toBe(true);

    // RSI is still under 30, but no entry while the fall is within its minute; then the entry may come again.
    await w.trade(90_500_000, START + 16 * MINUTE + 40_000);
    await w.trade(90_400_000, START + 16 * MINUTE + 89_000);
    expect(w.decisions()).toHaveLength(2);
    await w.trade(90_300_000, START + 16 * MINUTE + 90_000);
    expect(w.decisions().at(-1)).toEqual({ action: 'enter', outcome: 'order_requested' });

    // One correlation id runs from the decision through the order and its fill to the position change.
    // The market buy could not spend its last few won on a whole volume unit, so Upbit-style it ends
    // cancelled with its leftover returned.
    const decided = w.store.all().find((e) => e.type === 'StrategyDecided') as StoredEvent;
    expect(decided.data).toMatchObject({ decision: { action: 'enter' } });
    const chain = w.store.all().filter((e) => e.metadata.correlationId === decided.eventId).map((e) => e.type);
    expect(chain).toEqual([
      'StrategyDecided',
      'SessionOrderStarted',
      'OrderApproved',
      'OrderSubmitted',
      'OrderSendStarted',
      'OrderAccepted',
      'OrderFilled',
      'OrderCancelled',
      'PositionOpened',
    ]);
  });

  it('is ready on the first live trade when warmed up with historical candles', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    expect(w.runner.timeframeOf('KRW-BTC')).toBe('1m');
    const falling = Array.from({ length: 16 }, (_, i) => {
      const price = new Dec(100_000_000 - i * 200_000);
      return { open: price, high: price, low: price, close: price, volume: new Dec(1) };
    });
    w.runner.warmUp('KRW-BTC', falling);
    await w.trade(96_700_000, START);
    expect(w.decisions()).toEqual([{ action: 'enter', outcome: 'order_requested' }]);
  });

  it('does not act on a market again while its order is unresolved', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    // Stored events are not pumped to the runner: the order it placed stays unresolved for it.
    for (let minute = 0; minute <= 16; minute += 1) await w.runner.onTrade(w.tick(100_000_000 - minute * 200_000, START + minute * MINUTE));
    await w.runner.onTrade(w.tick(96_000_000, START + 17 * MINUTE));
    expect(w.decisions()).toEqual([{ action: 'enter', outcome: 'order_requested' }]);
    expect(w.store.all().filter((e) => e.type === 'OrderSubmitted')).toHaveLength(1);
  });

  it('restores positions, management state and the order in flight after a restart', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    for (let minute = 0; minute <= 16; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    const before = w.runner.management('KRW-BTC');
    expect(before?.lastBuyPrice).not.toBeNull();

    const restarted = new StrategyRunner(
      { placeOrder: (command) => w.placeOrder.execute(command), availableFunds: async () => new Dec(0) },
      w.store,
      w.clock,
      w.ids,
    );
    restarted.load(basicSevenRulesStrategy());
    restarted.setActive(true);
    await restarted.restore(w.positions, [{ orderId: 'still-open', market: 'KRW-BTC', side: 'sell', requested: '0.001' }]);
    expect(restarted.management('KRW-BTC')).toEqual(before);

    // The sell still open from before the restart keeps the market busy: the crash is not acted on twice.
    await restarted.onTrade(w.tick(96_800_000, START + 16 * MINUTE + 10_000));
    await restarted.onTrade(w.tick(90_000_000, START + 16 * MINUTE + 30_000));
    expect(w.decisions()).toEqual([{ action: 'enter', outcome: 'order_requested' }]);
  });

  it('acts only while active, and pauses an action the session denies instead of retrying it on every tick', async () => {
    const w = world();
    w.runner.load(basicSevenRulesStrategy());
    w.runner.setActive(false);
    for (let minute = 0; minute <= 16; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    expect(w.decisions()).toEqual([]);

    w.runner.setActive(true);
    // The session was never started: the entry is denied once, then paused for a minute.
    for (let second = 1; second <= 30; second += 1) await w.trade(96_700_000, START + 16 * MINUTE + second * 1_000);
    expect(w.decisions()).toEqual([
      { action: 'enter', outcome: 'order_requested' },
      { action: 'enter', outcome: 'order_denied' },
    ]);
    await w.startTrading();
    await w.trade(96_700_000, START + 17 * MINUTE + 2_000);
    expect(w.decisions().at(-1)).toEqual({ action: 'enter', outcome: 'order_requested' });
  });

  it('ends the pause of an action a halted session denied as soon as the session trades again', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    for (let minute = 0; minute < 15; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    expect(w.decisions()).toEqual([]);
    // Halted (a stream gap, say) just as RSI(14) falls under 30: the entry is denied and paused.
    await w.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'stream_gap', at: START + 15 * MINUTE } });
    await w.trade(97_000_000, START + 15 * MINUTE);
    await w.trade(96_900_000, START + 15 * MINUTE + 1_000);
    expect(w.decisions()).toEqual([
      { action: 'enter', outcome: 'order_requested' },
      { action: 'enter', outcome: 'order_denied' },
    ]);
    // Resumed a second later: the next tick enters, 58 s before the denial's minute is over.
    await w.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at: START + 15 * MINUTE + 1_500 } });
    await w.pump();
    await w.trade(96_900_000, START + 15 * MINUTE + 2_000);
    expect(w.decisions().slice(2)).toEqual([{ action: 'enter', outcome: 'order_requested' }]);
    expect((await w.positions.load('KRW-BTC')).state.quantity.gt(0)).toBe(true);
  });

  it('keeps an action the risk policy denied paused for the minute, however often the session resumes', async () => {
    const w = world();
    // A per-order limit under the strategy's entry: the risk policy denies it.
    await w.startTrading({ maxNotionalPerOrder: '1000' });
    w.runner.load(basicSevenRulesStrategy());
    for (let minute = 0; minute <= 15; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    expect(w.decisions().map((d) => d.outcome)).toEqual(['order_requested', 'order_denied']);
    await w.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: 'operator', at: START + 15 * MINUTE + 1_000 } });
    await w.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at: START + 15 * MINUTE + 2_000 } });
    await w.pump();
    for (let second = 3; second <= 50; second += 1) await w.trade(96_900_000, START + 15 * MINUTE + second * 1_000);
    expect(w.decisions()).toHaveLength(2);
  });

  it('keeps trading a market after placing its order throws, recording the failure', async () => {
    const w = world();
    await w.startTrading();
    w.runner.load(basicSevenRulesStrategy());
    w.faults.placements = 1;
    // RSI(14) falls under 30 at minute 15: that entry fails; it is tried again once the pause is over.
    for (let minute = 0; minute <= 15; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    expect(w.decisions()).toEqual([
      { action: 'enter', outcome: 'order_requested' },
      { action: 'enter', outcome: 'order_failed' },
    ]);
    const failed = w.store.all().filter((e) => e.type === 'StrategyDecided').at(-1)?.data as { detail: string };
    expect(failed.detail).toBe('command_bus_down: the command bus is down');
    expect(w.store.all().filter((e) => e.type === 'OrderSubmitted')).toHaveLength(0);

    await w.trade(96_800_000, START + 16 * MINUTE);
    expect(w.decisions().at(-1)).toEqual({ action: 'enter', outcome: 'order_requested' });
    expect(w.store.all().filter((e) => e.type === 'OrderSubmitted')).toHaveLength(1);
    expect((await w.positions.load('KRW-BTC')).state.quantity.gt(0)).toBe(true);
  });

  it('places the adds of a tick as one order under the merge policy, counting each rule', async () => {
    const w = world();
    await w.startTrading();
    const reference = basicSevenRulesStrategy();
    w.runner.load({
      ...reference,
      id: 'merging',
      triggers: [...reference.triggers, { id: 'add-on-4pct', kind: 'management', action: 'add', condition: { left: { variable: 'profit_pct' }, operator: '>', right: { value: 4 } } }],
      management: reference.management.filter((r) => r.kind === 'pyramiding'),
      conflictPolicy: { kind: 'merge' },
    });
    for (let minute = 0; minute <= 16; minute += 1) await w.trade(100_000_000 - minute * 200_000, START + minute * MINUTE);
    const entryPrice = w.runner.management('KRW-BTC')?.lastBuyPrice as number;
    await w.trade(Math.ceil((entryPrice * 1.06) / 1000) * 1000, START + 20 * MINUTE);
    expect(w.decisions()).toEqual([
      { action: 'enter', outcome: 'order_requested' },
      { action: 'add', reason: 'pyramiding', outcome: 'order_requested' },
    ]);
    const buys = w.store.all().filter((e) => e.type === 'OrderSubmitted').map((e) => (e.data as { funds?: string }).funds);
    expect(buys).toEqual(['100000', '200000']);
    expect(w.runner.management('KRW-BTC')).toEqual(expect.objectContaining({ pyramidingAdds: 1 }));
  });

  it('refuses two strategies on the same market', () => {
    const w = world();
    w.runner.load(basicSevenRulesStrategy());
    expect(() => w.runner.load({ ...basicSevenRulesStrategy(), id: 'copy' })).toThrow(MarketAlreadyTradedError);
  });
});
