import { api, ok } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { useRoute } from '../../app/router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { OrderFilterBar } from './OrderFilterBar';
import { OrderForm } from './OrderForm';
import { orderEventTypes } from '../../live/order-event-types';
import { orderFiltersFromQuery, orderFiltersToQuery, orderListQuery } from './order-filters';
import { OrdersTable } from './OrdersTable';
import './OrdersPage.css';

/**
 * Open and past orders, filtered by the URL query; cancel one or all of a market (confirmed); place
 * one by hand. The table reloads when an order event is committed (the live stream), never by polling.
 */
export function OrdersPage() {
  const { query } = useRoute();
  const filters = orderFiltersFromQuery(query);
  const key = orderFiltersToQuery(filters);
  const orders = useApiData(() => ok(api.GET('/api/v1/orders', { params: { query: orderListQuery(filters) } })), [key], { refreshOn: orderEventTypes });
  const shown = (orders.data ?? []).filter((order) => !filters.side || order.side === filters.side);

  return (
    <div className="orders-page">
      <section className="panel" aria-labelledby="orders-heading">
        <div className="row orders-head">
          <h2 id="orders-heading">Orders</h2>
          <OrderFilterBar filters={filters} />
          {filters.market ? (
            <ConfirmButton
              label={`Cancel all open ${filters.market} orders`}
              question={`Cancel every open ${filters.market} order?`}
              confirmLabel="Cancel all"
              onConfirm={async () => {
                await ok(api.DELETE('/api/v1/orders', { params: { query: { market: filters.market } } }));
                orders.reload();
              }}
            />
          ) : (
            <span className="muted">Filter by a market to cancel all its open orders.</span>
          )}
        </div>
        {orders.error && (
          <p role="alert" className="error">
            {orders.error.message}
          </p>
        )}
        {orders.data ? <OrdersTable orders={shown} onChanged={orders.reload} /> : !orders.error && <p className="muted">Loading…</p>}
      </section>
      <section className="panel" aria-labelledby="order-form-heading">
        <h2 id="order-form-heading">Place an order</h2>
        <OrderForm defaultMarket={filters.market || 'KRW-BTC'} onPlaced={orders.reload} />
      </section>
    </div>
  );
}
