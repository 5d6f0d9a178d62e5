import type { Ticker } from './use-price-refresh';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** The market's last price and change against the previous close, red when rising and blue when falling. */
export function TickerLine({ ticker }: { readonly ticker: Ticker | undefined }) {
  if (!ticker) return <span className="muted">no ticker yet</span>;
  const direction = ticker.change === 'RISE' ? 'up' : ticker.change === 'FALL' ? 'down' : 'muted';
  const percent = (Number(ticker.signedChangeRate) * 100).toFixed(2);
  return (
    <span className="row" data-testid="ticker">
      <strong className={`num ${direction}`}>{number.format(Number(ticker.tradePrice))}</strong>
      <span className={direction}>
        {Number(percent) > 0 ? '+' : ''}
        {percent}%
      </span>
      {ticker.stale ? <span className="badge warn">stale</span> : null}
    </span>
  );
}
