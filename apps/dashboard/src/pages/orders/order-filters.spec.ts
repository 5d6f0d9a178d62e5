import { describe, expect, it } from 'vitest';
import { noOrderFilters, orderFiltersFromQuery, orderFiltersToQuery, orderListQuery } from './order-filters';

describe('order filters in the URL query', () => {
  it('round-trips every filter through the query string', () => {
    const filters = { market: 'KRW-BTC', status: 'cancelled', side: 'sell', openOnly: true } as const;
    const query = orderFiltersToQuery(filters);
    expect(query).toBe('?market=KRW-BTC&status=cancelled&side=sell&open=true');
    expect(orderFiltersFromQuery(new URLSearchParams(query))).toEqual(filters);
  });

  it('writes no query when no filter is set, and reads an empty query as no filters', () => {
    expect(orderFiltersToQuery(noOrderFilters)).toBe('');
    expect(orderFiltersFromQuery(new URLSearchParams(''))).toEqual(noOrderFilters);
  });

  it('ignores a status or side it does not know, and open other than true', () => {
    expect(orderFiltersFromQuery(new URLSearchParams('status=lost&side=hold&open=yes'))).toEqual(noOrderFilters);
  });

  it('asks the server for market, status and open only; the side stays a filter of the page', () => {
    expect(orderListQuery({ market: 'KRW-ETH', status: '', side: 'buy', openOnly: true })).toEqual({ market: 'KRW-ETH', open: true, limit: 200 });
    expect(orderListQuery(noOrderFilters, 50)).toEqual({ limit: 50 });
  });
});
