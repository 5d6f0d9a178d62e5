import fc from 'fast-check';
import { RiskCommand } from './risk.commands';
import { RiskState, marketExposure } from './risk.state';
import { riskPolicyDecider } from './risk-policy.decider';

const MARKETS = ['KRW-BTC', 'KRW-ETH'] as const;
const CAP = 5_000_000n;
const DAY = Date.UTC(2026, 10, 23, 3);

type Step =
  | { kind: 'approve'; market: number; intent: 'entry' | 'add' | 'exit'; notional: number }
  | { kind: 'fill'; pick: number; percent: number }
  | { kind: 'close'; pick: number }
  | { kind: 'report' };

// Approvals outweigh closes and notionals lean to the per-order maximum, so runs press against the cap.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('approve' as const),
      market: fc.integer({ min: 0, max: MARKETS.length - 1 }),
      intent: fc.constantFrom('entry' as const, 'add' as const, 'exit' as const),
      notional: fc.oneof(fc.constant(1_000_000), fc.integer({ min: 5_000, max: 1_000_000 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick: fc.nat(), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('report' as const) }) },
);

interface OpenOrder {
  readonly orderId: string;
  readonly market: string;
  readonly buy: boolean;
  /** What a buy may still spend. */
  remaining: bigint;
}

/**
 * The exchange and the application around the risk policy, with integers as the reference: orders
 * trade at once on the exchange (`held` is the truth), while the position projection reports each
 * trade's cost basis later and in order, as the trading guard feeds it.
 */
class World {
  state: RiskState = riskPolicyDecider.initialState();
  readonly open: OpenOrder[] = [];
  readonly held = new Map<string, bigint>(MARKETS.map((m) => [m, 0n]));
  private readonly reported = new Map<string, bigint>(MARKETS.map((m) => [m, 0n]));
  private readonly unreported: Array<{ market: string; tradeId: string; delta: bigint }> = [];
  private ids = 0;
  approvals = 0;

  constructor() {
    this.handle({
      type: 'ConfigureRiskLimits',
      data: {
        limits: {
          quoteCurrency: 'KRW',
          maxNotionalPerOrder: '1000000',
          maxPositionPerMarket: CAP.toString(),
          maxOpenOrders: 10,
          orderRate: { maxOrders: 1_000, perMs: 1 },
          maxDailyLoss: '500000',
          maxDrawdownPercent: '20',
        },
        at: DAY,
      },
    });
  }

  handle(command: RiskCommand): void {
    for (const event of riskPolicyDecider.decide(command, this.state)) {
      if (event.type === 'OrderApproved') this.approvals += 1;
      this.state = riskPolicyDecider.evolve(this.state, event);
    }
  }

  apply(s: Step): void {
    switch (s.kind) {
      case 'approve': {
        const orderId = `o${(this.ids += 1)}`;
        const market = MARKETS[s.market] as string;
        this.handle({ type: 'CheckOrder', data: { orderId, market, intent: s.intent, notional: String(s.notional), at: DAY } });
        if (this.state.openOrders.includes(orderId)) this.open.push({ orderId, market, buy: s.intent !== 'exit', remaining: BigInt(s.notional) });
        return;
      }
      case 'fill': {
        const order = this.open[s.pick % Math.max(this.open.length, 1)];
        if (!order) return;
        const tradeId = `t${(this.ids += 1)}`;
        const held = this.held.get(order.market) as bigint;
        if (order.buy) {
          const funds = (order.remaining * BigInt(s.percent)) / 100n;
          if (funds === 0n) return;
          order.remaining -= funds;
          this.held.set(order.market, held + funds);
          this.unreported.push({ market: order.market, tradeId, delta: funds });
          this.handle({ type: 'RecordBuyFill', data: { orderId: order.orderId, market: order.market, tradeId, funds: funds.toString(), at: DAY } });
        } else {
          const cost = (held * BigInt(s.percent)) / 100n;
          if (cost === 0n) return;
          this.held.set(order.market, held - cost);
          this.unreported.push({ market: order.market, tradeId, delta: -cost });
        }
        return;
      }
      case 'close': {
        const index = s.pick % Math.max(this.open.length, 1);
        const [order] = this.open.splice(index, 1);
        if (order) this.handle({ type: 'RecordOrderClosed', data: { orderId: order.orderId, at: DAY } });
        return;
      }
      case 'report': {
        const trade = this.unreported.shift();
        if (!trade) return;
        const costBasis = (this.reported.get(trade.market) as bigint) + trade.delta;
        this.reported.set(trade.market, costBasis);
        this.handle({ type: 'RecordExposure', data: { market: trade.market, costBasis: costBasis.toString(), tradeId: trade.tradeId, at: DAY } });
        return;
      }
    }
  }

  /** What the market holds plus what its open buys may still spend: the most it can come to hold. */
  worstCase(market: string): bigint {
    const pending = this.open.filter((o) => o.market === market && o.buy).reduce((sum, o) => sum + o.remaining, 0n);
    return (this.held.get(market) as bigint) + pending;
  }

  reportAll(): void {
    while (this.unreported.length > 0) this.apply({ kind: 'report' });
  }
}

describe('the position cap, over random approvals, fills, closes and late position reports', () => {
  it('never lets a market hold, or be on its way to hold, more than the cap; and forgets nothing once all is reported', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120, size: 'max' }), (steps) => {
        const world = new World();
        const broken: string[] = [];
        for (const [index, s] of steps.entries()) {
          world.apply(s);
          for (const market of MARKETS) {
            const worstCase = world.worstCase(market);
            if (worstCase > CAP) broken.push(`step ${index}: ${market} may come to hold ${worstCase}`);
            // The policy may count a sell late, never a buy: its view is at least the truth.
            const seen = marketExposure(world.state, market);
            if (seen.lt(worstCase.toString())) broken.push(`step ${index}: ${market} counted as ${seen.toFixed()}, below ${worstCase}`);
          }
        }
        expect(broken).toEqual([]);
        world.reportAll();
        for (const market of MARKETS) expect(marketExposure(world.state, market).toFixed()).toBe(world.worstCase(market).toString());
      }),
      { numRuns: 100 },
    );
  });

  it('approves orders in these runs, so the cap is not kept by denying everything', () => {
    const world = new World();
    for (let i = 0; i < 5; i += 1) world.apply({ kind: 'approve', market: 0, intent: 'entry', notional: 1_000_000 });
    world.apply({ kind: 'approve', market: 0, intent: 'entry', notional: 1_000_000 });
    expect(world.approvals).toBe(5);
    world.apply({ kind: 'close', pick: 0 });
    world.apply({ kind: 'approve', market: 0, intent: 'entry', notional: 1_000_000 });
    expect(world.approvals).toBe(6);
  });
});
