import type { KillSwitchResult, OrderView, PnlRow, RiskStateView, SessionView, ValuedPosition } from '@trader/application';
import { Dec } from '@trader/domain';

/** The plain-text answers of the Telegram commands. Amounts are the read models' exact decimals, as stored. */
export const helpReply = [
  'Commands:',
  '/status: the session, the kill switch, orders in flight',
  '/positions: what is held, at what cost and mark',
  '/orders: the open orders',
  '/pnl [day|week|month]: realised PnL, last 7 days, 4 weeks or 3 months',
  '/halt [reason]: stop new entries (exits still run)',
  '/resume: trade again after a halt',
  '/kill: cancel every order and halt (asks for a code first)',
  '/help: this list',
].join('\n');

export function statusReply(session: SessionView, risk: RiskStateView): string {
  return [
    `Session: ${session.mode}${session.haltReason ? ` (${session.haltReason})` : ''}`,
    `Kill switch: ${risk.killSwitchEngaged ? 'ENGAGED' : 'off'}`,
    ...(risk.haltReason ? [`Risk halt: ${risk.haltReason}`] : []),
    `Orders in flight: ${session.ordersInFlight.length}, open orders: ${risk.openOrders.length}`,
    `Realised PnL today${risk.tradingDay ? ` (${risk.tradingDay})` : ''}: ${risk.dailyRealizedPnl}`,
  ].join('\n');
}

export function positionsReply(positions: readonly ValuedPosition[]): string {
  const held = positions.filter((p) => new Dec(p.quantity).gt(0));
  if (held.length === 0) return 'No open positions.';
  return held
    .map((p) =>
      [
        `${p.market}: ${p.quantity} @ ${p.averageEntryPrice} (cost ${p.costBasis})`,
        p.markPrice === null ? '  mark: unknown' : `  mark ${p.markPrice}${p.markStale ? ' (stale)' : ''}, unrealised ${p.unrealizedPnl ?? 'unknown'}`,
      ].join('\n'),
    )
    .join('\n');
}

export function ordersReply(orders: readonly OrderView[]): string {
  if (orders.length === 0) return 'No open orders.';
  return orders
    .map((o) => `${o.market} ${o.side} ${o.orderType} ${o.status}: ${o.volume ?? o.funds ?? '?'}${o.price ? ` @ ${o.price}` : ''}, filled ${o.executedVolume} (${o.orderId})`)
    .join('\n');
}

export function pnlReply(rows: readonly PnlRow[], from: string, to: string): string {
  if (rows.length === 0) return `No fills from ${from} to ${to}.`;
  let total = new Dec(0);
  const lines = rows.map((row) => {
    total = total.plus(row.netPnl);
    return `${row.period}: net ${row.netPnl} (realised ${row.realizedPnl}, fees ${row.fees}, ${row.fills} fills)`;
  });
  return [...lines, `Total net from ${from} to ${to}: ${total.toFixed()}`].join('\n');
}

export function killReply(result: KillSwitchResult): string {
  return [
    'Kill switch ENGAGED: every new order is denied and the session is halted.',
    `Cancels requested: ${result.cancelRequested.length}; cancelled once accepted: ${result.cancelWhenAccepted.length}.`,
    'Release it with POST /api/v1/session/release-kill-switch, then /resume.',
  ].join('\n');
}
