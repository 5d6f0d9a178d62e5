import type { StoredEvent } from '@trader/application';
import type { IEvent } from '@nestjs/cqrs';

/**
 * A stored event as it travels on the Nest EventBus. The bus routes by class, so each event type gets
 * its own subclass (created once, named after the type): `@EventsHandler(storedEventClass('OrderFilled'))`
 * receives exactly the stored `OrderFilled` events. One class per type keeps the envelope intact
 * (position, stream, metadata) instead of re-hydrating domain classes the domain does not have.
 */
export class StoredEventMessage implements IEvent {
  constructor(readonly event: StoredEvent) {}
}

const classes = new Map<string, typeof StoredEventMessage>();

/** The message class of one event type, the same class on every call. */
export function storedEventClass(type: string): typeof StoredEventMessage {
  let messageClass = classes.get(type);
  if (!messageClass) {
    messageClass = class extends StoredEventMessage {};
    Object.defineProperty(messageClass, 'name', { value: type });
    classes.set(type, messageClass);
  }
  return messageClass;
}

export function toStoredEventMessage(event: StoredEvent): StoredEventMessage {
  return new (storedEventClass(event.type))(event);
}
