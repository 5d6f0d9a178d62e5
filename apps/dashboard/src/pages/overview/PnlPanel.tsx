import type { components } from '../../api/schema';
import { formatAmount, formatSigned, pnlClass } from '../../format/decimal';
import { EquityChart } from './EquityChart';
import { equityCurve, realizedToday, unrealizedOf } from './equity-curve';
import './facts.css';

type PnlRow = components['schemas']['PnlRowResponse'];
type Position = components['schemas']['ValuedPositionResponse'];

export interface PnlPanelProps {
  readonly days: readonly PnlRow[];
  readonly positions: readonly Position[];
  /** Today, a UTC day (the server's PnL days are UTC days). */
  readonly today: string;
}

function Amount({ value, label }: { readonly value: string; readonly label: string }) {
  return (
    <dd className={`num ${pnlClass(value)}`} aria-label={label}>
      {formatSigned(value)} KRW
    </dd>
  );
}

/** Today's realised and unrealised PnL, and the equity curve of the days shown. */
export function PnlPanel({ days, positions, today }: PnlPanelProps) {
  const realized = realizedToday(days, today);
  const unrealized = unrealizedOf(positions);
  const curve = equityCurve(days, unrealized.total, today);
  return (
    <section className="panel" aria-labelledby="pnl-title">
      <h2 id="pnl-title">PnL today ({today} UTC)</h2>
      <dl className="facts">
        <dt>Realised, net of fees</dt>
        <Amount value={realized.net} label="Realised PnL today" />
        <dt>Fees</dt>
        <dd className="num">{formatAmount(realized.fees, 0)} KRW</dd>
        <dt>Fills</dt>
        <dd className="num">{realized.fills}</dd>
        <dt>Unrealised (open positions)</dt>
        <Amount value={unrealized.total} label="Unrealised PnL" />
        {unrealized.unmarked > 0 && (
          <dd className="badge warn">
            {unrealized.unmarked} position(s) without a mark are left out
          </dd>
        )}
      </dl>
      <h3>Equity change, realised by day and marked to market today</h3>
      <EquityChart points={curve} />
    </section>
  );
}
