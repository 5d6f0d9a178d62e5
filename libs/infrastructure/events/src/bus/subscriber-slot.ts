import { EventSubscriber } from '../subscriptions/event-subscriber';
import { LatencyWindow } from './latency-window';

/** What the dispatcher tracks about one subscriber: where it is, how it is doing. */
export class SubscriberSlot {
  position: number;
  handled = 0;
  failed = 0;
  retried = 0;
  parked = 0;
  readonly latency = new LatencyWindow();
  /** Set while the subscriber's read model is being rebuilt; deliveries wait for it. */
  rebuilding: Promise<void> | undefined;
  private readonly types: ReadonlySet<string> | undefined;

  constructor(
    readonly subscriber: EventSubscriber,
    checkpoint: number,
  ) {
    this.position = checkpoint;
    this.types = subscriber.eventTypes ? new Set(subscriber.eventTypes) : undefined;
  }

  accepts(type: string): boolean {
    return this.types === undefined || this.types.has(type);
  }

  advanceTo(position: number): void {
    if (position > this.position) this.position = position;
  }
}
