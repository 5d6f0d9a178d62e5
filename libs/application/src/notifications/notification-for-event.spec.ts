import type { EntriesLocked, EntriesUnlocked } from '@trader/domain';
import type { StoredEvent } from '../ports/event-envelope';
import { dailySummaryNotification } from './daily-summary';
import { NOTIFIED_EVENT_TYPES, notificationForEvent } from './notification-for-event';

function stored(type: string, data: unknown, eventId = `e-${type}`): StoredEvent {
  return { position: 7, streamId: 's', streamVersion: 1, eventId, type, schemaVersion: 1, data, metadata: { recordedAt: 1_000, correlationId: 'c' } };
}

const fill = { market: 'KRW-BTC', tradeId: 't1', price: '50000000', volume: '0.01', fee: '250', quantity: '0', averageEntryPrice: '0', costBasis: '0', fees: '500', at: 5_000 };

describe('notificationForEvent', () => {
  it('announces an exit with the PnL of the exit and of the position', () => {
    const message = notificationForEvent(stored('PositionClosed', { ...fill, side: 'ask', fillRealizedPnl: '1200', realizedPnl: '1500' }));
    expect(message).toEqual(expect.objectContaining({ id: 'e-PositionClosed', kind: 'exits', source: 'PositionClosed', at: 5_000, title: 'Exit KRW-BTC' }));
    expect(message?.text).toBe('Exit KRW-BTC\nask 0.01 @ 50000000 (fee 250)\nPnL of this exit: +1200; realised on the position: +1500\nposition now 0 at average 0');
    expect(message?.details['fillRealizedPnl']).toBe('1200');
  });

  it('announces an entry without PnL and a loss with its sign', () => {
    expect(notificationForEvent(stored('PositionOpened', { ...fill, side: 'bid', fillRealizedPnl: '0', realizedPnl: '0', quantity: '0.01' }))?.text).toBe(
      'Entry KRW-BTC\nbid 0.01 @ 50000000 (fee 250)\nposition now 0.01 at average 0',
    );
    expect(notificationForEvent(stored('PositionReduced', { ...fill, side: 'ask', fillRealizedPnl: '-300', realizedPnl: '-300' }))?.text).toContain('PnL of this exit: -300');
  });

  it('tells a feed-down halt (lost market data) from other halts', () => {
    expect(notificationForEvent(stored('TradingHalted', { reason: 'feed_down', at: 1 }))?.kind).toBe('market_data');
    const halt = notificationForEvent(stored('TradingHalted', { reason: 'operator', at: 1 }));
    expect(halt?.kind).toBe('halts');
    expect(halt?.text).toBe('Trading halted\nreason: operator');
  });

  it('maps fills, kill switch, reconciliation findings, dead letters and protections to their kinds', () => {
    expect(notificationForEvent(stored('OrderFilled', { orderId: 'o1', market: 'KRW-ETH', side: 'bid', price: '3000000', volume: '1', funds: '3000000', fee: '1500', executedVolume: '1', filledAt: 9 }))).toEqual(
      expect.objectContaining({ kind: 'fills', title: 'Fill KRW-ETH bid', at: 9 }),
    );
    expect(notificationForEvent(stored('KillSwitchEngaged', { reason: 'manual', openOrderIds: ['a', 'b'], at: 3 }))?.text).toBe('Kill switch engaged\nreason: manual\nopen orders to cancel: 2');
    expect(notificationForEvent(stored('BalanceMismatchFound', { market: 'KRW-BTC', currency: 'BTC', kind: 'short', positionQuantity: '1', exchangeQuantity: '0.5', foundAt: 4 }))?.kind).toBe('reconciliation');
    expect(notificationForEvent(stored('HandlerFailed', { subscriber: 'x', lane: 'low-logging', deadLetterId: 3, position: 8, eventId: 'e', eventType: 'OrderFilled', streamId: 's', attempts: 3, error: 'boom' }))?.title).toBe(
      'Dead letter: x gave up on OrderFilled',
    );
    const locked: EntriesLocked['data'] = { scope: 'market', market: 'KRW-BTC', protection: 'cooldown', reason: 'an exit on KRW-BTC', until: 0, at: 0 };
    expect(notificationForEvent(stored('EntriesLocked', locked))).toEqual(
      expect.objectContaining({ kind: 'protections', title: 'Entries locked on KRW-BTC', text: 'Entries locked on KRW-BTC\nprotection cooldown: an exit on KRW-BTC\nuntil 1970-01-01T00:00:00.000Z' }),
    );
    const unlocked: EntriesUnlocked['data'] = { scope: 'global', protection: 'max_drawdown', until: 0, at: 0 };
    expect(notificationForEvent(stored('EntriesUnlocked', unlocked))).toEqual(
      expect.objectContaining({ kind: 'protections', title: 'Entries unlocked on every market', text: 'Entries unlocked on every market\nprotection max_drawdown lifted' }),
    );
    expect(NOTIFIED_EVENT_TYPES).toEqual(expect.arrayContaining(['EntriesLocked', 'EntriesUnlocked', 'HandlerFailed', 'KillSwitchEngaged']));
  });

  it('ignores events nobody is told about', () => {
    expect(notificationForEvent(stored('OrderSubmitted', {}))).toBeNull();
    expect(NOTIFIED_EVENT_TYPES).not.toContain('CandleClosed');
  });

  it('formats the daily summary with one id per day', () => {
    const message = dailySummaryNotification({
      day: '2026-03-02',
      timeZone: 'Asia/Seoul',
      pnlDay: '2026-03-01',
      realizedPnl: '12000',
      fills: 4,
      openPositions: [{ market: 'KRW-BTC', quantity: '0.01', averageEntryPrice: '50000000' }],
      session: 'trading',
      at: 10,
    });
    expect(message.id).toBe('daily-summary/2026-03-02');
    expect(message.text).toBe(
      'Daily summary 2026-03-02 (Asia/Seoul)\nrealised PnL of 2026-03-01 (UTC day): +12000\nfills: 4\nopen positions (1):\n  KRW-BTC 0.01 at average 50000000\nsession: trading',
    );
  });
});
