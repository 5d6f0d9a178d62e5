import type { EntriesLocked, EntriesUnlocked } from '@trader/domain';
import type { StoredEvent } from '../ports/event-envelope';
import type { NotificationKind } from './notification-kind';
import type { NotificationMessage } from './notification-message';

type Fields = Readonly<Record<string, unknown>>;
type Details = NotificationMessage['details'];

interface Formatted {
  readonly kind: NotificationKind;
  readonly title: string;
  readonly lines: readonly string[];
  readonly details: Details;
}

type Formatter = (data: Fields) => Formatted;
type EntriesLockedData = EntriesLocked['data'];
type EntriesUnlockedData = EntriesUnlocked['data'];

/** The halt reason the trader uses while a market-data or order-update feed is down (apps/trader FeedHalt). */
const FEED_DOWN_HALT = 'feed_down';

/** A signed amount: `+1200`, `-300`, `0`. */
function signed(value: unknown): string {
  const text = str(value);
  return text.startsWith('-') || /^0(\.0*)?$/.test(text) ? text : `+${text}`;
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

function pick(data: Fields, ...keys: string[]): Details {
  const details: Record<string, string | number | boolean | null> = {};
  for (const key of keys) {
    const value = data[key];
    if (value === undefined) continue;
    details[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : JSON.stringify(value);
  }
  return details;
}

const positionFill = (kind: NotificationKind, title: string, withPnl: boolean): Formatter => (data) => ({
  kind,
  title: `${title} ${str(data['market'])}`,
  lines: [
    `${str(data['side'])} ${str(data['volume'])} @ ${str(data['price'])} (fee ${str(data['fee'])})`,
    ...(withPnl ? [`PnL of this exit: ${signed(data['fillRealizedPnl'])}; realised on the position: ${signed(data['realizedPnl'])}`] : []),
    `position now ${str(data['quantity'])} at average ${str(data['averageEntryPrice'])}`,
  ],
  details: pick(data, 'market', 'side', 'price', 'volume', 'fee', 'fillRealizedPnl', 'realizedPnl', 'quantity', 'averageEntryPrice', 'tradeId'),
});

const reconciliationFinding = (title: string, describe: (data: Fields) => string): Formatter => (data) => ({
  kind: 'reconciliation',
  title,
  lines: [describe(data)],
  details: pick(data, 'market', 'orderId', 'uuid', 'identifier', 'side', 'state', 'status', 'currency', 'kind', 'positionQuantity', 'exchangeQuantity', 'reason', 'error'),
});

/** Where a lock applies: one market, or every market. */
const lockScope = (data: EntriesLockedData | EntriesUnlockedData): string => (data.scope === 'market' && data.market ? ` on ${data.market}` : ' on every market');

/** Risk protections that lock entries: the domain's `EntriesLocked` / `EntriesUnlocked`. */
const protectionFormatters: Readonly<Record<string, Formatter>> = {
  EntriesLocked: (fields) => {
    const data = fields as unknown as EntriesLockedData;
    return {
      kind: 'protections',
      title: `Entries locked${lockScope(data)}`,
      lines: [`protection ${data.protection}: ${data.reason}`, `until ${new Date(data.until).toISOString()}`],
      details: pick(fields, 'scope', 'market', 'protection', 'reason', 'until'),
    };
  },
  EntriesUnlocked: (fields) => {
    const data = fields as unknown as EntriesUnlockedData;
    return {
      kind: 'protections',
      title: `Entries unlocked${lockScope(data)}`,
      lines: [`protection ${data.protection} lifted`],
      details: pick(fields, 'scope', 'market', 'protection', 'until'),
    };
  },
};

const formatters: Readonly<Record<string, Formatter>> = {
  PositionOpened: positionFill('entries', 'Entry', false),
  PositionIncreased: positionFill('entries', 'Added to position', false),
  PositionReduced: positionFill('exits', 'Partial exit', true),
  PositionClosed: positionFill('exits', 'Exit', true),
  OrderFilled: (data) => ({
    kind: 'fills',
    title: `Fill ${str(data['market'])} ${str(data['side'])}`,
    lines: [`${str(data['volume'])} @ ${str(data['price'])} = ${str(data['funds'])} (fee ${str(data['fee'])})`, `order ${str(data['orderId'])}, executed ${str(data['executedVolume'])} so far`],
    details: pick(data, 'orderId', 'market', 'side', 'tradeId', 'price', 'volume', 'funds', 'fee', 'executedVolume'),
  }),
  TradingHalted: (data) =>
    data['reason'] === FEED_DOWN_HALT
      ? { kind: 'market_data', title: 'Market data lost', lines: ['a feed of trading is down: entries are halted until it is back'], details: pick(data, 'reason') }
      : { kind: 'halts', title: 'Trading halted', lines: [`reason: ${str(data['reason'])}`], details: pick(data, 'reason') },
  TradingResumed: () => ({ kind: 'halts', title: 'Trading resumed', lines: ['entries are allowed again'], details: {} }),
  DailyLossLimitBreached: (data) => ({
    kind: 'halts',
    title: 'Daily loss limit breached',
    lines: [`realised PnL of ${str(data['day'])}: ${signed(data['dailyRealizedPnl'])} (limit ${str(data['limit'])})`],
    details: pick(data, 'day', 'dailyRealizedPnl', 'limit'),
  }),
  DrawdownLimitBreached: (data) => ({
    kind: 'halts',
    title: 'Drawdown limit breached',
    lines: [`drawdown ${str(data['drawdownPercent'])}% (limit ${str(data['limit'])}%)`],
    details: pick(data, 'drawdownPercent', 'limit'),
  }),
  KillSwitchEngaged: (data) => ({
    kind: 'kill_switch',
    title: 'Kill switch engaged',
    lines: [`reason: ${str(data['reason'])}`, `open orders to cancel: ${Array.isArray(data['openOrderIds']) ? data['openOrderIds'].length : 0}`],
    details: { reason: str(data['reason']), openOrders: Array.isArray(data['openOrderIds']) ? data['openOrderIds'].length : 0 },
  }),
  KillSwitchReleased: () => ({ kind: 'kill_switch', title: 'Kill switch released', lines: ['the session can be started again'], details: {} }),
  UnknownExchangeOrderFound: reconciliationFinding('Reconciliation: unknown order on the exchange', (d) => `${str(d['market'])} ${str(d['side'])} order ${str(d['uuid'])} (${str(d['state'])}) was not placed by this trader`),
  OrderMissingOnExchange: reconciliationFinding('Reconciliation: order missing on the exchange', (d) => `order ${str(d['orderId'])} is ${str(d['status'])} by our records; the exchange has no such order`),
  BalanceMismatchFound: reconciliationFinding('Reconciliation: balance mismatch', (d) => `${str(d['market'])}: our position ${str(d['positionQuantity'])} ${str(d['currency'])}, the exchange holds ${str(d['exchangeQuantity'])} (${str(d['kind'])})`),
  ReconciliationFailed: reconciliationFinding('Reconciliation failed', (d) => `${str(d['reason'])}: ${str(d['error'])}`),
  HandlerFailed: (data) => ({
    kind: 'dead_letters',
    title: `Dead letter: ${str(data['subscriber'])} gave up on ${str(data['eventType'])}`,
    lines: [`after ${str(data['attempts'])} attempts: ${str(data['error'])}`, `dead letter #${str(data['deadLetterId'])}, event at position ${str(data['position'])}`],
    details: pick(data, 'subscriber', 'lane', 'deadLetterId', 'position', 'eventId', 'eventType', 'streamId', 'attempts', 'error'),
  }),
  ...protectionFormatters,
};

/** The event types that can become a notification: what the outbox subscriber reads. */
export const NOTIFIED_EVENT_TYPES: readonly string[] = Object.keys(formatters);

/**
 * The notification an event becomes, or null for events nobody is told about. Pure: the same event
 * always gives the same message (a replay after a restart produces what the outbox already holds).
 */
export function notificationForEvent(event: StoredEvent): NotificationMessage | null {
  const format = formatters[event.type];
  if (!format) return null;
  const data = (event.data ?? {}) as Fields;
  const formatted = format(data);
  return {
    id: event.eventId,
    kind: formatted.kind,
    source: event.type,
    title: formatted.title,
    text: [formatted.title, ...formatted.lines].join('\n'),
    at: eventTime(data) ?? event.metadata.recordedAt,
    details: formatted.details,
  };
}

function eventTime(data: Fields): number | null {
  for (const key of ['at', 'filledAt', 'foundAt', 'failedAt']) {
    const value = data[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}
