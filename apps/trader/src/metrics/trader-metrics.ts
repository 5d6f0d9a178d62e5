import { Dec } from '@trader/domain';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ObservedAppend } from '@trader/events';
import type { TraderMetricSources } from './trader-metrics.sources';

type Labels<L extends string> = Partial<Record<L, string>>;
type Samples<L extends string> = Iterable<readonly [Labels<L>, number]>;

/** Append latencies from half a millisecond (a WAL commit) to a second (a stalled disk). */
const appendBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The trader's Prometheus registry (its own, not prom-client's global one): counters and gauges read
 * from the stats objects at scrape time (`collect`), the append-latency histogram fed by the event
 * store's append observer, and the order-flow counters registered by `OrderFlowMetrics`.
 */
export class TraderMetrics {
  readonly registry = new Registry();
  private readonly appendDuration: Histogram<'outcome'>;

  constructor(private readonly sources: TraderMetricSources) {
    this.appendDuration = new Histogram({
      name: 'trader_event_store_append_duration_seconds',
      help: 'Time an append to the event store takes (lane reservation and commit), by outcome (ok, failed).',
      labelNames: ['outcome'],
      buckets: appendBuckets,
      registers: [this.registry],
    });
    this.laneMetrics();
    this.loopMetrics();
    this.upbitMetrics();
    this.positionMetrics();
  }

  observeAppend(append: ObservedAppend): void {
    this.appendDuration.observe({ outcome: append.failure === undefined ? 'ok' : 'failed' }, append.durationMs / 1000);
  }

  /** The exposition in Prometheus text format 0.0.4. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Samples<L>): void {
    new Counter<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.inc(labels, value);
      },
    });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Samples<L> | Promise<Samples<L>>): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const samples = await read();
        this.reset();
        for (const [labels, value] of samples) this.set(labels, value);
      },
    });
  }

  private laneMetrics(): void {
    const lanes = () => this.sources.lanes().lanes;
    this.gauge('trader_lane_queue_depth', 'Events waiting in each handler lane.', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.queueDepth] as const));
    this.gauge('trader_lane_queue_capacity', 'Room of each handler lane (appends are refused with back-pressure beyond it).', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.capacity] as const));
    this.gauge('trader_lane_lag_events', 'Committed events the slowest handler of each lane has not processed yet.', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.lag] as const));
    this.counter('trader_lane_events_handled_total', 'Events the handlers of each lane processed.', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.handled] as const));
    this.counter('trader_lane_handler_failures_total', 'Handler calls that failed, by lane (each is retried, then parked).', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.failed] as const));
    this.counter('trader_dead_letters_total', 'Events parked as dead letters after their handler kept failing, by lane.', ['lane'], () => lanes().map((l) => [{ lane: l.lane }, l.parked] as const));
    // Handler names are the code's own subscriber names (a fixed set), never data.
    this.gauge('trader_lane_handler_latency_seconds', 'Handler latency percentiles (quantile 0.5 and 0.99) over recent events, by lane and handler.', ['lane', 'handler', 'quantile'], () =>
      this.sources.lanes().handlers.flatMap((h) => [
        [{ lane: h.lane, handler: h.name, quantile: '0.5' }, h.p50Ms / 1000] as const,
        [{ lane: h.lane, handler: h.name, quantile: '0.99' }, h.p99Ms / 1000] as const,
      ]),
    );
  }

  private loopMetrics(): void {
    this.gauge('trader_event_loop_delay_seconds', 'Event-loop delay the runtime measures: quantile 0.5, 0.99 and 1 (the maximum).', ['quantile'], () => {
      const loop = this.sources.loop();
      return [
        [{ quantile: '0.5' }, loop.p50Ms / 1000],
        [{ quantile: '0.99' }, loop.p99Ms / 1000],
        [{ quantile: '1' }, loop.maxMs / 1000],
      ] as const;
    });
    this.counter('trader_event_loop_blocks_total', 'Ticks that blocked the event loop longer than the loop guard threshold.', [], () => [[{}, this.sources.loop().violations]] as const);
  }

  private upbitMetrics(): void {
    const upbit = this.sources.upbit;
    const read = <L extends string>(pick: (stats: ReturnType<NonNullable<typeof upbit>>) => Samples<L>) => (): Samples<L> => (upbit ? pick(upbit()) : []);
    this.counter('trader_upbit_requests_total', 'REST requests sent to Upbit.', [], read((s) => [[{}, s.rest.requests]]));
    this.counter('trader_upbit_retries_total', 'REST reads sent again after a failure.', [], read((s) => [[{}, s.rest.retries]]));
    this.counter('trader_upbit_throttle_responses_total', 'Upbit answers 429 (too many requests) and 418 (blocked), by status.', ['status'], read((s) => [
      [{ status: '429' }, s.rest.status429],
      [{ status: '418' }, s.rest.status418],
    ]));
    this.counter('trader_upbit_unknown_outcomes_total', 'Order requests that left without a definite answer (resolved later by lookup, never resent).', [], read((s) => [[{}, s.rest.unknownOutcomes]]));
    const byGroup = (s: ReturnType<NonNullable<typeof upbit>>, pick: (g: { queued: number; waitedMs: number; waiting: number }) => number): Samples<'group'> => {
      // Queues are kept per (scope, group); the label is the Upbit rate-limit group alone.
      const sums = new Map<string, number>();
      for (const [key, stats] of Object.entries(s.limiter.groups)) {
        const group = key.slice(key.lastIndexOf(':') + 1);
        sums.set(group, (sums.get(group) ?? 0) + pick(stats));
      }
      return [...sums].map(([group, value]) => [{ group }, value] as const);
    };
    this.counter('trader_rate_limit_waits_total', 'Requests that waited for Upbit rate-limit room, by rate-limit group.', ['group'], read((s) => byGroup(s, (g) => g.queued)));
    this.counter('trader_rate_limit_wait_seconds_total', 'Time requests spent waiting for rate-limit room, by rate-limit group.', ['group'], read((s) => byGroup(s, (g) => g.waitedMs / 1000)));
    this.gauge('trader_rate_limit_queue_depth', 'Requests waiting for rate-limit room now, by rate-limit group.', ['group'], read((s) => byGroup(s, (g) => g.waiting)));
    const connections = (s: ReturnType<NonNullable<typeof upbit>>) => Object.entries(s.streams.connections).flatMap(([connection, stats]) => (stats ? [[connection, stats] as const] : []));
    this.counter('trader_websocket_reconnects_total', 'WebSocket reconnections, by connection (public, private).', ['connection'], read((s) => connections(s).map(([connection, c]) => [{ connection }, c.reconnects] as const)));
    this.counter('trader_websocket_gaps_total', 'Gaps in the WebSocket data (messages lost across a reconnect or a full buffer), by connection.', ['connection'], read((s) => connections(s).map(([connection, c]) => [{ connection }, c.gaps] as const)));
    this.gauge('trader_websocket_connected', 'Whether each WebSocket connection is open (1) or not (0).', ['connection'], read((s) => connections(s).map(([connection, c]) => [{ connection }, c.open ? 1 : 0] as const)));
  }

  private positionMetrics(): void {
    const valued = async (): Promise<{ market: string; value: number; unrealized: number }[]> => {
      const positions = await this.sources.positions();
      return positions.flatMap((position) => {
        const mark = this.sources.markets.includes(position.market) ? this.sources.markPrice(position.market) : undefined;
        if (!mark) return [];
        const value = mark.mul(position.quantity);
        return [{ market: position.market, value: Number(value.toFixed()), unrealized: Number(value.minus(new Dec(position.costBasis)).toFixed()) }];
      });
    };
    this.gauge('trader_position_value', 'Value of the position at the last known price, in the market\'s quote currency, per configured market.', ['market'], async () =>
      (await valued()).map((p) => [{ market: p.market }, p.value] as const),
    );
    this.gauge('trader_position_unrealized_pnl', 'Unrealised profit or loss of the position at the last known price (value minus cost basis), in the quote currency, per configured market.', ['market'], async () =>
      (await valued()).map((p) => [{ market: p.market }, p.unrealized] as const),
    );
  }
}
