import type { StoredEvent } from './session-api';

export interface Fill {
  readonly position: number;
  readonly orderId: string;
  readonly market: string;
  readonly side: string;
  readonly price: string;
  readonly volume: string;
  readonly fee: string;
  readonly filledAt: number;
}

function text(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  if (typeof value !== 'string') throw new Error(`OrderFilled event without ${key}`);
  return value;
}

/** The newest `count` fills, newest first, from OrderFilled events in any order (their payload is versioned plain data). */
export function recentFills(events: readonly StoredEvent[], count: number): Fill[] {
  return events
    .filter((event) => event.type === 'OrderFilled')
    .sort((a, b) => b.position - a.position)
    .slice(0, count)
    .map((event) => {
      const data = event.data;
      const filledAt = data['filledAt'];
      return {
        position: event.position,
        orderId: text(data, 'orderId'),
        market: text(data, 'market'),
        side: text(data, 'side'),
        price: text(data, 'price'),
        volume: text(data, 'volume'),
        fee: text(data, 'fee'),
        filledAt: typeof filledAt === 'number' ? filledAt : event.metadata.recordedAt,
      };
    });
}
