import type { StoredEvent } from '@trader/application';
import { StoredEventMessage } from '@trader/events';
import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { filter, map, merge, Observable, Subject } from 'rxjs';

/**
 * The events the live readers show (`GET /api/v1/events/live`, the `committedEvents` subscription):
 * the ones this process commits, from the event bus's after-commit notifications, and on a standby
 * the ones the active instance commits, which `StandbyEventFollower` reads from the shared store.
 * Followed events go to the live readers only, never onto the event bus: nothing else in a standby
 * (its metrics, for one) may act as if this process had committed them.
 */
@Injectable()
export class LiveEventFeed {
  private readonly followed = new Subject<StoredEvent>();

  constructor(private readonly eventBus: EventBus) {}

  /** Every event from now on, of one type when given. */
  events(type?: string): Observable<StoredEvent> {
    const committed = this.eventBus.pipe(
      filter((message): message is StoredEventMessage => message instanceof StoredEventMessage),
      map((message) => message.event),
    );
    return merge(committed, this.followed).pipe(filter((event) => !type || event.type === type));
  }

  /** Events another instance of this account committed, in position order. */
  follow(events: readonly StoredEvent[]): void {
    for (const event of events) this.followed.next(event);
  }
}
