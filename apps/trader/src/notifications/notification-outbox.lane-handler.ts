import { NOTIFIED_EVENT_TYPES } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import { LaneHandler } from '@trader/events';
import { NotificationDelivery, NotificationOutboxSubscriber, notificationOutboxSubscriberName } from '@trader/notifications';
import { Injectable } from '@nestjs/common';

/**
 * Turns committed events into notification outbox rows (low lane, behind trading). Registered only
 * when a channel is configured; a run without channels drops its checkpoint, so channels enabled
 * later start from then (NotificationsModule), not from the first event ever stored.
 */
@LaneHandler({ name: notificationOutboxSubscriberName, lane: 'low-logging', eventTypes: NOTIFIED_EVENT_TYPES })
@Injectable()
export class NotificationOutboxLaneHandler {
  private readonly subscriber: NotificationOutboxSubscriber;

  constructor(delivery: NotificationDelivery) {
    this.subscriber = new NotificationOutboxSubscriber(delivery);
  }

  handle(event: StoredEvent): Promise<void> {
    return this.subscriber.handle(event);
  }
}
