import type { components } from '../../api/schema';
import { formatAmount, formatSigned, pnlClass, signOf } from '../../format/decimal';

type Position = components['schemas']['ValuedPositionResponse'];

/** Held positions valued at the last trade; a mark from a stream that is down says so. */
export function PositionsTable({ positions }: { readonly positions: readonly Position[] }) {
  const held = positions.filter((position) => signOf(position.quantity) > 0);
  if (held.length === 0) return <p className="muted">No open positions.</p>;
  return (
    <table aria-label="Positions">
      <thead>
        <tr>
          <th>Market</th>
          <th className="num">Quantity</th>
          <th className="num">Avg entry</th>
          <th className="num">Mark</th>
          <th className="num">Cost (KRW)</th>
          <th className="num">Unrealised</th>
          <th className="num">Realised</th>
        </tr>
      </thead>
      <tbody>
        {held.map((position) => (
          <tr key={position.market}>
            <td>{position.market}</td>
            <td className="num">{formatAmount(position.quantity)}</td>
            <td className="num">{formatAmount(position.averageEntryPrice, 2)}</td>
            <td className="num">
              {position.markPrice === null ? <span className="muted">no mark</span> : formatAmount(position.markPrice, 2)}
              {position.markStale && (
                <span className="badge warn" title="the ticker stream behind this mark is down">
                  stale
                </span>
              )}
            </td>
            <td className="num">{formatAmount(position.costBasis, 0)}</td>
            <td className={`num ${position.unrealizedPnl === null ? '' : pnlClass(position.unrealizedPnl)}`}>{position.unrealizedPnl === null ? '–' : formatSigned(position.unrealizedPnl)}</td>
            <td className={`num ${pnlClass(position.realizedPnl)}`}>{formatSigned(position.realizedPnl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
