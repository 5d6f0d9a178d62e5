import { api, ok } from '../../api/client';
import { Link } from '../../app/router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatTime } from '../../format/time';
import type { Order } from './order-types';

/** Orders the exchange may still fill: a cancel can be asked for them (the server has the last word). */
const cancellable = new Set(['submitted', 'unknown', 'accepted', 'partially_filled']);

const statusBadge: Record<string, string> = {
  filled: 'ok',
  partially_filled: 'ok',
  accepted: 'warn',
  submitted: 'warn',
  pending_cancel: 'warn',
  unknown: 'danger',
  rejected: 'danger',
  cancelled: '',
};

const amount = (value: string | null) => value ?? '—';

async function cancelOrder(orderId: string): Promise<void> {
  await ok(api.DELETE('/api/v1/orders/{orderId}', { params: { path: { orderId } } }));
}

/** Orders, newest first: terms, progress, status, a confirmed cancel for working ones, and their event chain. */
export function OrdersTable({ orders, onChanged }: { orders: readonly Order[]; onChanged: () => void }) {
  if (orders.length === 0) return <p className="muted">No orders match these filters.</p>;
  return (
    <table aria-label="Orders">
      <thead>
        <tr>
          <th>Submitted</th>
          <th>Market</th>
          <th>Side</th>
          <th>Type</th>
          <th>Status</th>
          <th className="num">Price</th>
          <th className="num">Volume</th>
          <th className="num">Funds</th>
          <th className="num">Executed</th>
          <th className="num">Fee</th>
          <th>Reason</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.orderId} data-order-id={order.orderId}>
            <td title={order.orderId}>{formatTime(order.submittedAt)}</td>
            <td>{order.market}</td>
            <td className={order.side === 'buy' ? 'up' : 'down'}>{order.side}</td>
            <td>
              {order.orderType}
              {order.orderType !== 'market' && <span className="muted"> {order.timeInForce}</span>}
            </td>
            <td>
              <span className={`badge ${statusBadge[order.status] ?? ''}`}>{order.status}</span>
            </td>
            <td className="num">{amount(order.price)}</td>
            <td className="num">{amount(order.volume)}</td>
            <td className="num">{amount(order.funds)}</td>
            <td className="num">{order.executedVolume}</td>
            <td className="num">{order.paidFee}</td>
            <td className="order-reason">{order.reason ?? ''}</td>
            <td className="row">
              {cancellable.has(order.status) && (
                <ConfirmButton
                  label="Cancel"
                  name={`Cancel order ${order.orderId}`}
                  question={`Cancel this ${order.market} ${order.side} order?`}
                  confirmLabel="Cancel order"
                  onConfirm={async () => {
                    await cancelOrder(order.orderId);
                    onChanged();
                  }}
                />
              )}
              {order.correlationId && (
                <Link href={`/events?correlationId=${encodeURIComponent(order.correlationId)}`} aria-label={`Events of order ${order.orderId}`}>
                  Events
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
