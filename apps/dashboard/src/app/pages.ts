import { lazy, type ComponentType } from 'react';
import { BacktestsPage } from '../pages/backtests/BacktestsPage';
import { DeadLettersPage } from '../pages/dead-letters/DeadLettersPage';
import { EventsPage } from '../pages/events/EventsPage';
import { OrdersPage } from '../pages/orders/OrdersPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { RiskPage } from '../pages/risk/RiskPage';
import { StrategiesPage } from '../pages/strategies/StrategiesPage';

// The market page carries the chart library, the one large dependency: it loads on first visit so
// the first page stays small.
const MarketPage = lazy(() => import('../pages/market/MarketPage').then((module) => ({ default: module.MarketPage })));

export interface PageEntry {
  readonly path: string;
  readonly title: string;
  readonly component: ComponentType;
}

export const pages: readonly PageEntry[] = [
  { path: '/', title: 'Overview', component: OverviewPage },
  { path: '/market', title: 'Market', component: MarketPage },
  { path: '/orders', title: 'Orders', component: OrdersPage },
  { path: '/strategies', title: 'Strategies', component: StrategiesPage },
  { path: '/events', title: 'Events', component: EventsPage },
  { path: '/dead-letters', title: 'Dead letters', component: DeadLettersPage },
  { path: '/risk', title: 'Risk', component: RiskPage },
  { path: '/backtests', title: 'Backtests', component: BacktestsPage },
];
