import type { paths } from '../../api/schema';

export type OrderListQuery = NonNullable<paths['/api/v1/orders']['get']['parameters']['query']>;
export type OrderStatus = NonNullable<OrderListQuery['status']>;

export const orderStatuses: readonly OrderStatus[] = ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel', 'filled', 'cancelled', 'rejected'];

/** The orders table's filters; they live in the URL query so a link shows the same view. */
export interface OrderFilters {
  readonly market: string;
  readonly status: OrderStatus | '';
  readonly side: 'buy' | 'sell' | '';
  readonly openOnly: boolean;
}

export const noOrderFilters: OrderFilters = { market: '', status: '', side: '', openOnly: false };

const isStatus = (value: string): value is OrderStatus => (orderStatuses as readonly string[]).includes(value);

/** Reads the filters from the page's URL query; values the page does not know are ignored. */
export function orderFiltersFromQuery(query: URLSearchParams): OrderFilters {
  const status = query.get('status') ?? '';
  const side = query.get('side') ?? '';
  return {
    market: query.get('market')?.trim() ?? '',
    status: isStatus(status) ? status : '',
    side: side === 'buy' || side === 'sell' ? side : '',
    openOnly: query.get('open') === 'true',
  };
}

/** The URL query for these filters ('' when none is set), in a stable order. */
export function orderFiltersToQuery(filters: OrderFilters): string {
  const query = new URLSearchParams();
  if (filters.market) query.set('market', filters.market);
  if (filters.status) query.set('status', filters.status);
  if (filters.side) query.set('side', filters.side);
  if (filters.openOnly) query.set('open', 'true');
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * What GET /api/v1/orders is asked. The server filters by market, status and openness; the side is
 * filtered here, among the newest orders it answers.
 */
export function orderListQuery(filters: OrderFilters, limit = 200): OrderListQuery {
  return {
    ...(filters.market ? { market: filters.market } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.openOnly ? { open: true } : {}),
    limit,
  };
}
