import { type ReactNode, useId } from 'react';
import type { components } from '../../api/schema';
import { EMA_PERIODS, HISTORY_SIZES, type MarketView, SMA_PERIODS, type Timeframe, TIMEFRAMES } from './market-query';

type Market = components['schemas']['MarketResponse'];

interface Props {
  readonly view: MarketView;
  readonly markets: readonly Market[];
  readonly onChange: (view: MarketView) => void;
}

/** Market, timeframe, history and overlay selectors: native controls, so each is labelled and keyboard-reachable. */
export function MarketControls({ view, markets, onChange }: Props) {
  const listed = markets.some((m) => m.market === view.market) ? markets : [{ market: view.market, englishName: view.market, koreanName: view.market }, ...markets];
  return (
    <div className="row market-controls">
      <Select label="Market" value={view.market} onChange={(market) => onChange({ ...view, market })}>
        {listed.map((m) => (
          <option key={m.market} value={m.market}>
            {m.market} · {m.englishName}
          </option>
        ))}
      </Select>
      <Select label="Timeframe" value={view.timeframe} onChange={(timeframe) => onChange({ ...view, timeframe: timeframe as Timeframe })}>
        {TIMEFRAMES.map((timeframe) => (
          <option key={timeframe} value={timeframe}>
            {timeframe}
          </option>
        ))}
      </Select>
      <Select label="History" value={view.bars} onChange={(bars) => onChange({ ...view, bars: Number(bars) })}>
        {HISTORY_SIZES.map((size) => (
          <option key={size} value={size}>
            {size.toLocaleString('en-US')} candles
          </option>
        ))}
      </Select>
      <Select label="SMA period" value={view.sma} onChange={(sma) => onChange({ ...view, sma: Number(sma) })}>
        {SMA_PERIODS.map((period) => (
          <option key={period} value={period}>
            {period === 0 ? 'off' : period}
          </option>
        ))}
      </Select>
      <Select label="EMA period" value={view.ema} onChange={(ema) => onChange({ ...view, ema: Number(ema) })}>
        {EMA_PERIODS.map((period) => (
          <option key={period} value={period}>
            {period === 0 ? 'off' : period}
          </option>
        ))}
      </Select>
      <label>
        <input type="checkbox" checked={view.bollinger} onChange={(event) => onChange({ ...view, bollinger: event.target.checked })} /> Bollinger (20, 2)
      </label>
    </div>
  );
}

/** A labelled select whose accessible name is exactly its label. */
function Select({ label, value, onChange, children }: { readonly label: string; readonly value: string | number; readonly onChange: (value: string) => void; readonly children: ReactNode }) {
  const id = useId();
  return (
    <span>
      <label htmlFor={id}>{label}</label>{' '}
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </span>
  );
}
