/** Type of the event appended when a handler gives up on an event and it is parked. */
export const handlerFailedType = 'HandlerFailed';

/** Payload of `HandlerFailed`; the metadata's causation id is the failed event's id. */
export interface HandlerFailedData {
  readonly subscriber: string;
  readonly lane: string;
  readonly deadLetterId: number;
  readonly position: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly attempts: number;
  readonly error: string;
}

/** Stream that holds the `HandlerFailed` events of one subscriber. */
export function handlerFailedStream(subscriber: string): string {
  return `$handler-failed-${subscriber}`;
}
