import { Dec } from '@trader/domain';
import type { RunningSimulator } from '@trader/upbit-sim';
import { callAdmin } from './admin-client';
import { SeededRandom } from './schedule';

export interface FlowCounters {
  placed: number;
  denied: number;
  unreachable: number;
  cancels: number;
  byType: Record<string, number>;
  /** Why the trader refused orders: `<status> <problem title or detail>` → count. */
  deniedBy: Record<string, number>;
}

interface OpenOrder {
  orderId: string;
  status: string;
}

const MIN_TOTAL = new Dec(5_000);

/**
 * A deliberately busy admin-API order flow over several markets: market buys by funds, limit buys
 * and sells a few ticks from the touch (some rest, some fill as the market moves), market sells of
 * what the account holds, and cancels of the trader's open orders. Prices and holdings are read from
 * the simulator in process, so the flow adds no load to the rate limits the trader shares.
 */
export class OrderFlow {
  readonly counters: FlowCounters = { placed: 0, denied: 0, unreachable: 0, cancels: 0, byType: {}, deniedBy: {} };
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly sim: RunningSimulator,
    private readonly accountId: string,
    private readonly markets: readonly string[],
    private readonly random: SeededRandom,
    private readonly traderUrl: () => string | undefined,
    private readonly token: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.step();
      const pause = Math.floor(this.intervalMs * (0.5 + this.random.next()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async step(): Promise<void> {
    const roll = this.random.next();
    const market = this.random.pick(this.markets);
    const funds = new Dec(this.random.int(5_500, 15_000));
    const depth = this.random.int(0, 4);
    if (roll < 0.3) return this.place('market-buy', { market, side: 'buy', orderType: 'market', funds: funds.toFixed() });
    if (roll < 0.5) {
      const price = this.level(market, 'bid', depth);
      if (price === undefined) return;
      return this.place('limit-buy', { market, side: 'buy', orderType: 'limit', price: price.toFixed(), volume: funds.div(price).toDecimalPlaces(8, Dec.ROUND_UP).toFixed() });
    }
    if (roll < 0.8) {
      const bid = this.level(market, 'bid', 0);
      const free = this.free(market);
      if (bid === undefined || free.mul(bid).lt(MIN_TOTAL.mul(1.2))) return this.place('market-buy', { market, side: 'buy', orderType: 'market', funds: funds.toFixed() });
      const volume = Dec.min(free, funds.div(bid)).toDecimalPlaces(8, Dec.ROUND_DOWN);
      if (roll < 0.65) {
        const ask = this.level(market, 'ask', depth);
        if (ask === undefined) return;
        return this.place('limit-sell', { market, side: 'sell', orderType: 'limit', price: ask.toFixed(), volume: volume.toFixed() });
      }
      return this.place('market-sell', { market, side: 'sell', orderType: 'market', volume: volume.toFixed(), referencePrice: bid.toFixed() });
    }
    return this.cancelOne();
  }

  private async place(type: string, order: Record<string, string>): Promise<void> {
    const reply = await callAdmin(this.traderUrl(), this.token, 'POST', '/api/v1/orders', { ...order, clientOrderId: this.random.uuid() });
    if (reply.status === 201) {
      this.counters.placed += 1;
      this.counters.byType[type] = (this.counters.byType[type] ?? 0) + 1;
    } else if (reply.status === 0) this.counters.unreachable += 1;
    else {
      this.counters.denied += 1;
      const problem = reply.body as { detail?: string; title?: string } | null;
      const why = `${reply.status} ${(problem?.detail ?? problem?.title ?? '').replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 80)}`;
      this.counters.deniedBy[why] = (this.counters.deniedBy[why] ?? 0) + 1;
    }
  }

  private async cancelOne(): Promise<void> {
    const reply = await callAdmin(this.traderUrl(), this.token, 'GET', '/api/v1/orders?open=true&limit=1000');
    if (reply.status !== 200) return;
    const cancellable = (reply.body as OpenOrder[]).filter((o) => o.status === 'accepted' || o.status === 'partially_filled');
    if (cancellable.length === 0) return;
    const target = this.random.pick(cancellable);
    if ((await callAdmin(this.traderUrl(), this.token, 'DELETE', `/api/v1/orders/${target.orderId}`)).status === 202) this.counters.cancels += 1;
  }

  /** The price of the `depth`-th level from the touch (on Upbit's tick grid, as the book holds it). */
  private level(market: string, side: 'bid' | 'ask', depth: number): Dec | undefined {
    const book = this.sim.exchange.market(market)?.book;
    const levels = side === 'bid' ? book?.bids : book?.asks;
    const level = levels?.[Math.min(depth, (levels?.length ?? 1) - 1)];
    return level === undefined ? undefined : new Dec(level.price.toFixed());
  }

  /** What the account can still sell of the market's base currency (not locked by an open ask). */
  private free(market: string): Dec {
    const currency = market.split('-')[1] ?? '';
    const holding = this.sim.exchange.holdings(this.accountId).find((h) => h.currency === currency);
    return holding === undefined ? new Dec(0) : new Dec(holding.balance.toFixed());
  }
}
