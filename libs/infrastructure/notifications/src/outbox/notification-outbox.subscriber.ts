import { NOTIFIED_EVENT_TYPES, notificationForEvent } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import type { EventSubscriber, Lane } from '@trader/events';
import { NotificationDelivery } from '../delivery/notification-delivery';

/** Checkpoint key of the subscriber; never rename it (it would start again from position 1). */
export const notificationOutboxSubscriberName = 'notification-outbox';

/**
 * Turns committed events into outbox rows, one per channel that takes the event's kind. It only writes
 * SQLite (one short transaction) and never waits for a channel, so it keeps pace with the store
 * whatever the channels do; it runs in the low lane, behind trading. A replay after a restart
 * re-enqueues what the checkpoint had not covered, and the outbox's (channel, event id) key drops it.
 */
export class NotificationOutboxSubscriber implements EventSubscriber {
  readonly name = notificationOutboxSubscriberName;
  readonly lane: Lane = 'low-logging';
  readonly eventTypes = NOTIFIED_EVENT_TYPES;

  constructor(private readonly delivery: NotificationDelivery) {}

  async handle(event: StoredEvent): Promise<void> {
    const message = notificationForEvent(event);
    if (message) this.delivery.enqueue(message);
  }
}
