import { describe, expect, it } from 'vitest';
import { recentFills } from './recent-fills';
import type { StoredEvent } from './session-api';

const event = (position: number, type: string, data: Record<string, unknown>): StoredEvent => ({
  position,
  streamId: `order-${position}`,
  streamVersion: 1,
  eventId: `e-${position}`,
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c', recordedAt: 1_000 + position },
});

const fill = (position: number, extra: Record<string, unknown> = {}) =>
  event(position, 'OrderFilled', { orderId: `o-${position}`, market: 'KRW-BTC', side: 'buy', price: '150000000', volume: '0.0001', fee: '7.5', filledAt: 5_000 + position, ...extra });

describe('recent fills', () => {
  it('keeps the newest fills, newest first, from OrderFilled events only', () => {
    const fills = recentFills([fill(1), event(2, 'OrderAccepted', {}), fill(3), fill(4)], 2);
    expect(fills.map((entry) => entry.position)).toEqual([4, 3]);
    expect(fills[0]).toEqual({ position: 4, orderId: 'o-4', market: 'KRW-BTC', side: 'buy', price: '150000000', volume: '0.0001', fee: '7.5', filledAt: 5_004 });
  });

  it('takes the newest whether the page came oldest first or newest first (GET /events?order=desc)', () => {
    expect(recentFills([fill(9), fill(7), fill(5), fill(2)], 3).map((entry) => entry.position)).toEqual([9, 7, 5]);
  });

  it('falls back to the time the event was recorded when the fill carries none', () => {
    expect(recentFills([fill(9, { filledAt: undefined })], 5)[0]?.filledAt).toBe(1_009);
  });

  it('fails loudly on a fill without its amounts instead of showing a blank', () => {
    expect(() => recentFills([fill(1, { price: 150 })], 5)).toThrow('OrderFilled event without price');
  });
});
