import { SimClock } from '../clock/sim-clock';
import { MarketDriver } from '../engine/market-driver';
import { RequestCounts } from '../requests/request-counts';
import { LoggedRequest, OrderSentTwice, RequestFilter, RequestLog } from '../requests/request-log';
import { WsHub } from '../ws/ws-hub';
import { FaultInjector, MyOrderFaultRule, RestFaultRule } from './fault-injector';

/** The control surface for tests and operators: fault injection, the order request log and manual market ticks. */
export class SimulatorAdmin {
  constructor(
    private readonly faults: FaultInjector,
    private readonly hub: WsHub,
    private readonly driver: MarketDriver,
    private readonly clock: SimClock,
    private readonly requestLog: RequestLog,
    private readonly counts: RequestCounts,
  ) {}

  /** Arms a REST fault; returns its id. */
  injectRestFault(rule: RestFaultRule): number {
    return this.faults.addRestFault(rule);
  }

  /** Cuts every WebSocket connection now; returns how many were cut. */
  dropWebSockets(): number {
    return this.hub.dropAll();
  }

  /** Stops sending stream data for `ms` of simulator time (connections stay open; data is lost). */
  stallStream(ms: number): number {
    const until = this.clock.now() + ms;
    this.faults.stallStream(until);
    return until;
  }

  /** Arms a fault on the next private-stream myOrder frames (delay, duplicate, reorder); returns its id. */
  injectMyOrderFault(rule: MyOrderFaultRule): number {
    return this.faults.addMyOrderFault(rule);
  }

  /** Refuses every REST request and WebSocket upgrade with 418 for `ms` of simulator time; returns when it ends. */
  ban(ms: number): number {
    const until = this.clock.now() + ms;
    this.faults.ban(until);
    return until;
  }

  clearFaults(): void {
    this.faults.clear();
    this.hub.releaseHeldFrames();
  }

  describeFaults(): ReturnType<FaultInjector['describe']> {
    return this.faults.describe();
  }

  /** Runs one market tick immediately. */
  tick(): void {
    this.driver.tick();
  }

  /** Order requests received (creations, tests, cancels), oldest first, answered or not. */
  requests(filter: RequestFilter = {}): { capacity: number; dropped: number; requests: LoggedRequest[] } {
    return { capacity: this.requestLog.capacity, dropped: this.requestLog.dropped, requests: this.requestLog.list(filter) };
  }

  /** How many times each identifier was sent in a POST /v1/orders, refused or not. */
  orderPostCounts(): Record<string, number> {
    return this.requestLog.orderPostCounts();
  }

  /** Identifiers sent in more than one POST /v1/orders, with how often each access key sent them. */
  ordersSentTwice(): OrderSentTwice[] {
    return this.requestLog.ordersSentTwice();
  }

  clearRequests(): void {
    this.requestLog.clear();
    this.counts.clear();
  }

  /** Every REST request received, as totals per `METHOD /v1/path` (quotation and exchange routes alike). */
  requestCounts(): Record<string, number> {
    return this.counts.snapshot();
  }

  webSocketConnections(): number {
    return this.hub.connectionCount();
  }
}
