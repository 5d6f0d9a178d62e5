import { api, ok } from '../../api/client';

export const loadSession = () => ok(api.GET('/api/v1/session'));
export const loadRuntime = () => ok(api.GET('/api/v1/runtime'));
export const loadHealth = () => ok(api.GET('/health'));
export const loadKillSwitch = async () => (await ok(api.GET('/api/v1/risk'))).killSwitchEngaged;
export const loadOpenOrders = () => ok(api.GET('/api/v1/orders', { params: { query: { open: true } } }));
/** The newest fills, newest first: however long the log, one backward read of its end. */
export const loadFillEvents = () => ok(api.GET('/api/v1/events', { params: { query: { type: 'OrderFilled', order: 'desc', limit: 50 } } }));

export const haltTrading = (reason: string) => ok(api.POST('/api/v1/session/halt', { body: { reason } }));
export const resumeTrading = () => ok(api.POST('/api/v1/session/resume'));
export const engageKillSwitch = (reason: string) => ok(api.POST('/api/v1/session/kill', { body: { reason } }));
export const releaseKillSwitch = () => ok(api.POST('/api/v1/session/release-kill-switch'));

export type Session = Awaited<ReturnType<typeof loadSession>>;
export type RuntimeStatus = Awaited<ReturnType<typeof loadRuntime>>;
export type Health = Awaited<ReturnType<typeof loadHealth>>;
export type Order = Awaited<ReturnType<typeof loadOpenOrders>>[number];
export type StoredEvent = Awaited<ReturnType<typeof loadFillEvents>>['events'][number];

/** Session events: each changes what GET /api/v1/session answers. */
export const sessionEvents = [
  'TradingStarted',
  'TradingStopped',
  'TradingHalted',
  'TradingResumed',
  'ReducingStarted',
  'SessionOrderStarted',
  'SessionOrderEnded',
  'ConfigChangeApplied',
  'ConfigChangeDeferred',
  'ConfigChangeRefused',
  'DatabaseProfileSwitched',
  'DatabaseProfileSwitchDeferred',
];

export const killSwitchEvents = ['KillSwitchEngaged', 'KillSwitchReleased'];


/** Runtime and health are not events: read again at this pace (the rule is no polling under 5 s). */
export const runtimeRefreshMs = 10_000;
