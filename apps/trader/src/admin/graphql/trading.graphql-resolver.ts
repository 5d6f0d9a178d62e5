import {
  CancelOrder,
  DefineStrategy,
  DisableStrategy,
  EnableStrategy,
  EngageKillSwitch,
  GetEvents,
  GetMarkets,
  GetOrders,
  GetPnl,
  GetPositions,
  GetRiskState,
  GetSession,
  GetStrategies,
  GetStrategy,
  GetTickers,
  HaltTrading,
  ResumeTrading,
} from '@trader/application';
import type { KillSwitchResult, MarketInfo, OrderView, PlaceOrderResult, PnlRow, RiskStateView, SessionView, StoredEvent, StrategySummary, TickerView, ValuedPosition } from '@trader/application';
import type { StrategyDefinition } from '@trader/domain';
import { BadRequestException, Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Observable } from 'rxjs';
import { TradingOptions } from '../../trading/trading-options';
import { TRADING_OPTIONS } from '../../trading/trading.tokens';
import { LiveEventFeed } from '../events/live-event-feed';
import { placeOrderFromApi } from '../orders/place-order.flow';
import { PlaceOrderRequestDto } from '../orders/place-order.request.dto';
import { refuseBadPnlRange } from '../portfolio/pnl-range.check';
import { refuseEnablingUntradedStrategy, refuseUntradedStrategyMarkets } from '../strategies/strategy-markets.check';
import { OrderGql, PlaceOrderResultGql, PnlRowGql, PositionGql, StoredEventGql } from './graphql.types';
import { JsonScalar } from './json.scalar';
import { uuidParam } from '../validation/path-params';

/**
 * The admin API in GraphQL, over the same command and query buses as REST: orders, positions, PnL,
 * session, risk and the event log; placing and cancelling orders, halting, resuming, the kill switch;
 * and a subscription to events as they are committed.
 */
@Resolver()
export class TradingGraphqlResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly liveEvents: LiveEventFeed,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
  ) {}

  @Query(() => [OrderGql])
  orders(
    @Args('market', { nullable: true }) market?: string,
    @Args('status', { nullable: true }) status?: string,
    @Args('open', { nullable: true }) open?: boolean,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<OrderView[]> {
    return this.queries.execute(
      new GetOrders({ ...(market ? { market } : {}), ...(status ? { status } : {}), ...(open !== undefined ? { openOnly: open } : {}), ...(limit ? { limit } : {}) }),
    );
  }

  @Query(() => [PositionGql])
  positions(): Promise<ValuedPosition[]> {
    return this.queries.execute(new GetPositions());
  }

  @Query(() => [PnlRowGql])
  pnl(@Args('period') period: string, @Args('from') from: string, @Args('to') to: string): Promise<PnlRow[]> {
    if (!['day', 'week', 'month'].includes(period)) throw new BadRequestException('period must be day, week or month');
    refuseBadPnlRange(from, to);
    return this.queries.execute(new GetPnl(period as 'day' | 'week' | 'month', from, to));
  }

  @Query(() => JsonScalar)
  session(): Promise<SessionView> {
    return this.queries.execute(new GetSession());
  }

  @Query(() => JsonScalar)
  risk(): Promise<RiskStateView> {
    return this.queries.execute(new GetRiskState());
  }

  @Query(() => [StoredEventGql])
  async events(
    @Args('stream', { nullable: true }) stream?: string,
    @Args('type', { nullable: true }) type?: string,
    @Args('correlationId', { nullable: true }) correlationId?: string,
    @Args('from', { type: () => Int, nullable: true }) from?: number,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<StoredEvent[]> {
    const page = await this.queries.execute<GetEvents, { events: StoredEvent[] }>(
      new GetEvents({ ...(stream ? { streamId: stream } : {}), ...(type ? { type } : {}), ...(correlationId ? { correlationId } : {}), ...(from ? { fromPosition: from } : {}), ...(limit ? { limit } : {}) }),
    );
    return page.events;
  }

  @Query(() => JsonScalar, { description: 'the strategies: id, version, markets, enabled' })
  strategies(): Promise<StrategySummary[]> {
    return this.queries.execute(new GetStrategies());
  }

  @Query(() => JsonScalar, { description: 'one strategy definition, as exported' })
  strategy(@Args('id') id: string): Promise<StrategyDefinition> {
    return this.queries.execute(new GetStrategy(id));
  }

  @Query(() => JsonScalar, { description: 'the markets the exchange lists' })
  markets(): Promise<MarketInfo[]> {
    return this.queries.execute(new GetMarkets());
  }

  @Query(() => JsonScalar, { description: 'tickers of the given markets (the traded ones by default); amounts as decimal strings' })
  async tickers(@Args('markets', { type: () => [String], nullable: true }) markets?: string[]): Promise<unknown> {
    const tickers = await this.queries.execute<GetTickers, TickerView[]>(new GetTickers(markets ?? this.options.markets));
    return JSON.parse(JSON.stringify(tickers)) as unknown;
  }

  @Mutation(() => JsonScalar, { description: 'define a strategy from its JSON definition (validated by the domain)' })
  async defineStrategy(@Args('definition', { type: () => JsonScalar }) definition: unknown): Promise<StrategyDefinition> {
    refuseUntradedStrategyMarkets(definition, this.options.markets);
    return this.commands.execute(new DefineStrategy(definition));
  }

  @Mutation(() => Boolean)
  async enableStrategy(@Args('id') id: string): Promise<boolean> {
    await refuseEnablingUntradedStrategy(this.queries, id, this.options.markets);
    await this.commands.execute(new EnableStrategy(id));
    return true;
  }

  @Mutation(() => Boolean)
  async disableStrategy(@Args('id') id: string): Promise<boolean> {
    await this.commands.execute(new DisableStrategy(id));
    return true;
  }

  @Mutation(() => PlaceOrderResultGql)
  placeOrder(@Args('input') input: PlaceOrderRequestDto): Promise<PlaceOrderResult> {
    // Validated by the global pipe with the REST body's rules (the input inherits them).
    return placeOrderFromApi(this.commands, this.options, input);
  }

  @Mutation(() => Boolean)
  async cancelOrder(@Args('orderId', uuidParam('orderId')) orderId: string): Promise<boolean> {
    await this.commands.execute(new CancelOrder(orderId, { correlationId: orderId }));
    return true;
  }

  @Mutation(() => Boolean)
  async haltTrading(@Args('reason') reason: string): Promise<boolean> {
    await this.commands.execute(new HaltTrading(reason, { actor: 'admin-api' }));
    return true;
  }

  @Mutation(() => Boolean)
  async resumeTrading(): Promise<boolean> {
    await this.commands.execute(new ResumeTrading({ actor: 'admin-api' }));
    return true;
  }

  @Mutation(() => JsonScalar)
  engageKillSwitch(@Args('reason') reason: string): Promise<KillSwitchResult> {
    return this.commands.execute(new EngageKillSwitch(reason, { actor: 'admin-api' }));
  }

  /** Every committed event (of one type, when given), as it is committed. */
  @Subscription(() => StoredEventGql, { resolve: (payload: StoredEvent) => payload })
  committedEvents(@Args('type', { nullable: true }) type?: string): AsyncIterableIterator<StoredEvent> {
    return observableIterator(this.liveEvents.events(type));
  }
}

/** An rxjs stream as the async iterator GraphQL subscriptions read; unsubscribes when the client leaves. */
function observableIterator<T>(source: Observable<T>): AsyncIterableIterator<T> {
  const queue: T[] = [];
  const waiting: Array<(result: IteratorResult<T>) => void> = [];
  const subscription = source.subscribe((value) => {
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else queue.push(value);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    subscription.unsubscribe();
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  };
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: finish,
  };
  return iterator;
}
