import { navigate } from '../../app/router';
import { type OrderFilters, orderFiltersToQuery, orderStatuses } from './order-filters';

/** The table's filters; each change replaces the URL query, so the view is a link. */
export function OrderFilterBar({ filters }: { filters: OrderFilters }) {
  const change = (next: Partial<OrderFilters>) => navigate(`/orders${orderFiltersToQuery({ ...filters, ...next })}`, { replace: true });
  return (
    <div className="row order-filters" role="search" aria-label="Order filters">
      <label>
        Market{' '}
        <input
          key={filters.market}
          defaultValue={filters.market}
          placeholder="any"
          size={10}
          onBlur={(event) => change({ market: event.target.value.trim().toUpperCase() })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') change({ market: event.currentTarget.value.trim().toUpperCase() });
          }}
        />
      </label>
      <label>
        Status{' '}
        <select value={filters.status} onChange={(event) => change({ status: event.target.value as OrderFilters['status'] })}>
          <option value="">any</option>
          {orderStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Side{' '}
        <select value={filters.side} onChange={(event) => change({ side: event.target.value as OrderFilters['side'] })}>
          <option value="">any</option>
          <option value="buy">buy</option>
          <option value="sell">sell</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={filters.openOnly} onChange={(event) => change({ openOnly: event.target.checked })} /> Open only
      </label>
    </div>
  );
}
