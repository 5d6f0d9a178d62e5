import { AccountBalances, APPLICATION_CLOCK, ChartCandleBook, EXCHANGE_EVENT_STREAM, EXCHANGE_GATEWAY, MARKET_DATA_FEED, TickerBoard } from '@trader/application';
import type { ExchangeEventStream, ExchangeGateway, MarketDataFeed, StreamSignal, StreamSubscription } from '@trader/application';
import type { Clock } from '@trader/domain';
import { AppKernel, TaskHandle, TaskManager } from '@trader/runtime';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { TradingOptions } from './trading-options';
import { TRADING_COMPONENT_DEPENDS_ON, TRADING_OPTIONS } from './trading.tokens';

/** How often the balances kept from myAsset are checked against /v1/accounts (one exchange-group request). */
const BALANCE_RECONCILE_MS = 60_000;
/** First pause before a failed loop is restarted (doubling up to 30 s). */
const LOOP_RESTART_MS = 1_000;
const OWNER = 'live-state';

/**
 * Keeps the state the admin reads answer from, so that they cost no exchange request: the balances
 * (seeded from /v1/accounts, then kept by the private myAsset stream and reconciled every minute and
 * after the stream was down), the tickers of the watched markets (ticker stream) and their charts
 * (trade stream). Each loop marks its state stale while its stream is down; the reads say so.
 */
@Injectable()
export class LiveStateComponent implements OnModuleInit {
  private readonly handles: TaskHandle[] = [];
  private readonly subscriptions = new Set<StreamSubscription<unknown>>();

  constructor(
    private readonly kernel: AppKernel,
    private readonly tasks: TaskManager,
    private readonly balances: AccountBalances,
    private readonly board: TickerBoard,
    private readonly charts: ChartCandleBook,
    @Inject(EXCHANGE_GATEWAY) private readonly gateway: ExchangeGateway,
    @Inject(MARKET_DATA_FEED) private readonly feed: MarketDataFeed,
    @Inject(EXCHANGE_EVENT_STREAM) private readonly privateStream: ExchangeEventStream,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
    @Inject(TRADING_COMPONENT_DEPENDS_ON) private readonly dependsOn: readonly string[],
  ) {}

  onModuleInit(): void {
    this.kernel.register({ name: 'live-state', dependsOn: this.dependsOn, start: () => this.start(), stop: () => this.stop() });
  }

  private start(): void {
    const restart = (down: () => void): { initialBackoffMs: number; onDown: () => void } => ({ initialBackoffMs: LOOP_RESTART_MS, onDown: down });
    this.handles.push(
      this.tasks.supervise(`${OWNER}.my-assets`, OWNER, () => this.assetLoop(), restart(() => this.balances.stream.down(this.clock.now()))),
      this.tasks.supervise(`${OWNER}.tickers`, OWNER, () => this.tickerLoop(), restart(() => this.board.stream.down(this.clock.now()))),
      this.tasks.supervise(`${OWNER}.trades`, OWNER, () => this.tradeLoop(), restart(() => this.charts.stream.down(this.clock.now()))),
      this.tasks.every(`${OWNER}.balance-reconcile`, OWNER, BALANCE_RECONCILE_MS, () => this.reconcileBalances()),
    );
  }

  private async stop(): Promise<void> {
    const handles = this.handles.splice(0);
    for (const handle of handles) handle.abort('live state stopped');
    for (const subscription of this.subscriptions) subscription.close();
    await Promise.all(handles.map((handle) => handle.done));
  }

  /**
   * Subscribes first and reads /v1/accounts second, so no update falls between the two (one pushed
   * while the read is in flight is newer, and kept). The balances are current again only once read.
   */
  private async assetLoop(): Promise<void> {
    await this.consume(
      this.privateStream.subscribeAssets(),
      async () => {
        await this.reconcileBalances();
        this.balances.stream.up();
      },
      async (message) => {
        if (message.kind === 'asset-update') this.balances.apply(message);
        else if (message.kind === 'stream-gap') this.balances.stream.down(message.since);
        else {
          // Updates pushed while the connection was down are gone: read the account before trusting it again.
          await this.reconcileBalances();
          this.balances.stream.up();
        }
      },
    );
  }

  private async tickerLoop(): Promise<void> {
    await this.consume(
      this.feed.subscribe({ kind: 'ticker', markets: this.options.markets }),
      // Upbit sends each market's ticker as a snapshot on (re)subscribe: the board is current from there.
      () => this.board.stream.up(),
      (message) => {
        if (message.kind === 'ticker') this.board.apply(message);
        else if (message.kind === 'stream-gap') this.board.stream.down(message.since);
        else if (message.kind === 'stream-recovered') this.board.stream.up();
      },
    );
  }

  private async tradeLoop(): Promise<void> {
    await this.consume(
      this.feed.subscribe({ kind: 'trade', markets: this.options.markets }),
      // Trades missed while the loop was down are not replayed: the charts are warmed up again.
      () => this.charts.recovered(),
      (message) => {
        if (message.kind === 'trade') this.charts.onTrade(message);
        else if (message.kind === 'stream-gap') this.charts.stream.down(message.since);
        else if (message.kind === 'stream-recovered') this.charts.recovered();
      },
    );
  }

  private async reconcileBalances(): Promise<void> {
    const requestedAt = this.clock.now();
    this.balances.reconcile(await this.gateway.getAccounts(), requestedAt);
  }

  /** Reads a subscription to its end, keeping it where stop() can close it (which ends the loop). */
  private async consume<T>(subscription: StreamSubscription<T>, started: () => void | Promise<void>, handle: (message: T | StreamSignal) => void | Promise<void>): Promise<void> {
    this.subscriptions.add(subscription);
    try {
      await started();
      for await (const message of subscription) await handle(message);
    } finally {
      subscription.close();
      this.subscriptions.delete(subscription);
    }
  }
}
