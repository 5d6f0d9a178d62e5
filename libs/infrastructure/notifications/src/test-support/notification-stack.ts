import type { NewEvent } from '@trader/application';
import type { Clock } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { SystemClock, TaskManager } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { join } from 'node:path';
import { NotificationChannel } from '../channels/notification-channel';
import { DeliveryOptions } from '../delivery/delivery-options';
import { NotificationDelivery } from '../delivery/notification-delivery';
import { NotificationOutbox } from '../outbox/notification-outbox';
import { NotificationOutboxSubscriber } from '../outbox/notification-outbox.subscriber';

/** Every line logged, so tests can look for leaked secrets. */
export class RecordingLogger implements RuntimeLogger {
  readonly lines: string[] = [];
  info(message: string, context?: Record<string, unknown>): void {
    this.lines.push(`info ${message} ${JSON.stringify(context ?? {})}`);
  }
  warn(message: string, context?: Record<string, unknown>): void {
    this.lines.push(`warn ${message} ${JSON.stringify(context ?? {})}`);
  }
  error(message: string, context?: Record<string, unknown>): void {
    this.lines.push(`error ${message} ${JSON.stringify(context ?? {})}`);
  }
}

/** The real pieces on a real SQLite file: event store with lanes, the outbox subscriber, delivery loops. */
export class NotificationStack {
  readonly tasks: TaskManager;
  readonly runtime: EventStoreRuntime;
  readonly outbox: NotificationOutbox;
  readonly delivery: NotificationDelivery;

  constructor(
    dir: string,
    channels: readonly NotificationChannel[],
    readonly logger: RecordingLogger = new RecordingLogger(),
    options: DeliveryOptions = {},
    readonly clock: Clock = new SystemClock(),
  ) {
    this.tasks = new TaskManager(clock, logger);
    this.runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks: this.tasks, logger });
    this.outbox = new NotificationOutbox(this.runtime.db);
    this.delivery = new NotificationDelivery(this.outbox, channels, clock, this.tasks, logger, options);
    this.runtime.addSubscriber(new NotificationOutboxSubscriber(this.delivery));
  }

  start(): this {
    this.runtime.start();
    this.delivery.start();
    return this;
  }

  append(streamId: string, ...events: NewEvent[]): Promise<unknown> {
    return this.runtime.publishing.append(streamId, 'any', events);
  }

  async stop(): Promise<void> {
    await this.delivery.stop();
    await this.runtime.stop();
    await this.tasks.shutdown(2_000);
  }
}

let sequence = 0;

export function positionClosed(eventId: string, pnl = '1200'): NewEvent {
  sequence += 1;
  return {
    eventId,
    type: 'PositionClosed',
    data: { market: 'KRW-BTC', tradeId: `t${sequence}`, side: 'ask', price: '50000000', volume: '0.01', fee: '250', fillRealizedPnl: pnl, quantity: '0', averageEntryPrice: '0', costBasis: '0', realizedPnl: pnl, fees: '500', at: 1_000 },
  };
}

export function tradingHalted(eventId: string, reason = 'operator'): NewEvent {
  return { eventId, type: 'TradingHalted', data: { reason, at: 1_000 } };
}
