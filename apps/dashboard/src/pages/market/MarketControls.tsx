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
      <label>
        Market{' '}
        <select value={view.market} onChange={(event) => onChange({ ...view, market: event.target.value })}>
          {listed.map((m) => (
            <option key={m.market} value={m.market}>
              {m.market} · {m.englishName}
            </option>
          ))}
        </select>
      </label>
      <label>
        Timeframe{' '}
        <select value={view.timeframe} onChange={(event) => onChange({ ...view, timeframe: event.target.value as Timeframe })}>
          {TIMEFRAMES.map((timeframe) => (
            <option key={timeframe} value={timeframe}>
              {timeframe}
            </option>
          ))}
        </select>
      </label>
      <label>
        History{' '}
        <select value={view.bars} onChange={(event) => onChange({ ...view, bars: Number(event.target.value) })}>
          {HISTORY_SIZES.map((size) => (
            <option key={size} value={size}>
              {size.toLocaleString('en-US')} candles
            </option>
          ))}
        </select>
      </label>
      <label>
        SMA period{' '}
        <select value={view.sma} onChange={(event) => onChange({ ...view, sma: Number(event.target.value) })}>
          {SMA_PERIODS.map((period) => (
            <option key={period} value={period}>
              {period === 0 ? 'off' : period}
            </option>
          ))}
        </select>
      </label>
      <label>
        EMA period{' '}
        <select value={view.ema} onChange={(event) => onChange({ ...view, ema: Number(event.target.value) })}>
          {EMA_PERIODS.map((period) => (
            <option key={period} value={period}>
              {period === 0 ? 'off' : period}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={view.bollinger} onChange={(event) => onChange({ ...view, bollinger: event.target.checked })} /> Bollinger (20, 2)
      </label>
    </div>
  );
}
