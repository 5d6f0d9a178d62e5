import type { IEvent, IEventPublisher } from '@nestjs/cqrs';
import type { Subject } from 'rxjs';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { UnstoredEventError } from '../bus/event-bus.errors';
import { StoredEventMessage } from './stored-event-message';

/**
 * The EventBus publisher: it accepts only events that are already stored, queues them in the lanes
 * (durable, checkpointed handlers) and then passes them to Nest's `@EventsHandler`s and sagas, which
 * get after-commit notification only (Nest runs them concurrently and just logs their errors).
 */
export class StoredEventPublisher implements IEventPublisher {
  constructor(
    private readonly dispatcher: LaneDispatcher,
    private readonly subject$: Subject<IEvent>,
  ) {}

  publish<T extends IEvent>(event: T): void {
    this.publishAll([event]);
  }

  publishAll<T extends IEvent>(events: T[]): void {
    const messages = events.map((event) => {
      if (!(event instanceof StoredEventMessage)) throw new UnstoredEventError(event.constructor.name);
      return event;
    });
    this.dispatcher.deliver(messages.map((m) => m.event));
    for (const message of messages) this.subject$.next(message);
  }
}
