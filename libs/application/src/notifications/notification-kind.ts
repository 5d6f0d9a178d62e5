/**
 * What an operator can ask a channel to send (`TRADER_NOTIFY_<CHANNEL>=entries,exits,...`). Each kind
 * groups the events of one concern, so a setting names concerns, not event types that may change.
 */
export const NOTIFICATION_KINDS = [
  'entries',
  'exits',
  'fills',
  'halts',
  'kill_switch',
  'reconciliation',
  'dead_letters',
  'market_data',
  'protections',
  'daily_summary',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
