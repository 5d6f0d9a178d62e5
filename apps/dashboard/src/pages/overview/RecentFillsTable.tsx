import { formatTime } from '../../format/time';
import { formatAmount } from '../../format/decimal';
import type { Fill } from './recent-fills';

/** The newest fills, newest first. */
export function RecentFillsTable({ fills }: { readonly fills: readonly Fill[] }) {
  if (fills.length === 0) return <p className="muted">No fills yet.</p>;
  return (
    <table aria-label="Recent fills">
      <thead>
        <tr>
          <th>Time</th>
          <th>Market</th>
          <th>Side</th>
          <th className="num">Price</th>
          <th className="num">Volume</th>
          <th className="num">Fee</th>
        </tr>
      </thead>
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.position}>
            <td>{formatTime(fill.filledAt)}</td>
            <td>{fill.market}</td>
            <td className={fill.side === 'buy' ? 'up' : 'down'}>{fill.side}</td>
            <td className="num">{formatAmount(fill.price, 2)}</td>
            <td className="num">{formatAmount(fill.volume)}</td>
            <td className="num">{formatAmount(fill.fee, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
