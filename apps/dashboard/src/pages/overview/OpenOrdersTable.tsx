import { formatTime } from '../../format/time';
import { formatAmount } from '../../format/decimal';
import type { Order } from './session-api';

/** Working orders: what they ask and how much is filled. */
export function OpenOrdersTable({ orders }: { readonly orders: readonly Order[] }) {
  if (orders.length === 0) return <p className="muted">No open orders.</p>;
  return (
    <table aria-label="Open orders">
      <thead>
        <tr>
          <th>Submitted</th>
          <th>Market</th>
          <th>Side</th>
          <th>Type</th>
          <th className="num">Price</th>
          <th className="num">Volume</th>
          <th className="num">Filled</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.orderId}>
            <td>{formatTime(order.submittedAt)}</td>
            <td>{order.market}</td>
            <td className={order.side === 'buy' ? 'up' : 'down'}>{order.side}</td>
            <td>{order.orderType}</td>
            <td className="num">{order.price === null ? '–' : formatAmount(order.price, 2)}</td>
            <td className="num">{order.volume === null ? (order.funds === null ? '–' : `${formatAmount(order.funds, 0)} KRW`) : formatAmount(order.volume)}</td>
            <td className="num">{formatAmount(order.executedVolume)}</td>
            <td>{order.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
