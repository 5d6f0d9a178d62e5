import { orderEventTypes } from '../../live/order-event-types';
import { useEffect, useMemo, useState } from 'react';
import { api, ok } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { navigate, useRoute } from '../../app/router';
import { useChartColors } from './chart-colors';
import { MarketChart } from './MarketChart';
import type { MarketChartDrawing } from './market-chart-drawing';
import { MarketControls } from './MarketControls';
import { type MarketView, marketViewQuery, readMarketView } from './market-query';
import './MarketPage.css';
import { fillMarkers, openOrderLines } from './order-overlays';
import { TickerLine } from './TickerLine';
import { useCandleHistory } from './use-candle-history';
import { usePriceRefresh } from './use-price-refresh';

/** Candles with volume, indicator overlays, an RSI pane and our orders, for any listed market. */
export function MarketPage() {
  const { query } = useRoute();
  const markets = useApiData(() => ok(api.GET('/api/v1/markets')), []);
  const view = readMarketView(query, markets.data?.[0]?.market ?? 'KRW-BTC');
  const change = (next: MarketView) => navigate(`/market${marketViewQuery(next)}`, { replace: true });
  const colors = useChartColors();
  const overlays = useMemo(() => ({ sma: view.sma, ema: view.ema, bollinger: view.bollinger }), [view.sma, view.ema, view.bollinger]);
  const history = useCandleHistory(view.market, view.timeframe, view.bars);
  const [drawing, setDrawing] = useState<MarketChartDrawing>();
  const prices = usePriceRefresh(view.market, view.timeframe, drawing, history.complete);
  // Orders and fills are committed events: the orders are read again when one of them arrives.
  const orders = useApiData(() => ok(api.GET('/api/v1/orders', { params: { query: { market: view.market, limit: 1000 } } })), [view.market], { refreshOn: orderEventTypes });
  useEffect(() => {
    if (drawing && orders.data && history.candles) drawing.setOrders(fillMarkers(orders.data, view.timeframe, colors), openOrderLines(orders.data));
  }, [drawing, orders.data, history.candles, view.timeframe, colors]);
  const error = history.error ?? markets.error ?? prices.error ?? orders.error;

  return (
    <section className="panel" aria-label="Market chart">
      <MarketControls view={view} markets={markets.data ?? []} onChange={change} />
      <div className="row market-status">
        <TickerLine ticker={prices.ticker} />
        <span className="muted" role="status" data-testid="chart-status">
          {history.candles ? `${history.candles.length.toLocaleString('en-US')} candles` : 'loading candles…'}
          {history.candles && !history.complete ? ' · loading older…' : ''}
          {history.chart ? ` · ${history.chart.source}` : ''}
        </span>
        {history.chart?.stale ? <span className="badge warn">trade stream down: candles may miss trades</span> : null}
      </div>
      {error ? <p className="error">{error.message}</p> : null}
      <MarketChart candles={history.candles} overlays={overlays} colors={colors} onDrawing={setDrawing} label={`${view.market} ${view.timeframe} candles`} />
    </section>
  );
}
