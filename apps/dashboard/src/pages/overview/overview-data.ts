import { api, ok } from '../../api/client';
import { daysBefore } from './equity-curve';

/** Days of PnL the equity curve shows. */
export const equityDays = 90;

/** Today as the server's PnL days count it: a UTC day. */
export const utcToday = () => new Date().toISOString().slice(0, 10);

export const loadPositions = () => ok(api.GET('/api/v1/positions'));

export const loadDailyPnl = (today: string) => ok(api.GET('/api/v1/pnl', { params: { query: { period: 'day', from: daysBefore(today, equityDays - 1), to: today } } }));

/** Events after which positions (and so unrealised PnL) change. */
export const positionEvents = ['OrderFilled', 'PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed'];

/** Events after which the daily realised PnL changes. */
export const pnlEvents = ['OrderFilled', 'PositionReduced', 'PositionClosed', 'RealizedPnlRecorded'];

/**
 * Marks move with the ticker stream, which is not in the event log: positions are read again at this
 * pace while the page is open (reads cost the exchange nothing; the rule is no polling under 5 s).
 */
export const markRefreshMs = 10_000;
