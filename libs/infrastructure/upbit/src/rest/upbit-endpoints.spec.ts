import { upbitEndpoints } from './upbit-endpoints';

describe('upbitEndpoints', () => {
  it('puts order lookups and cancels ahead of the reads they share the default group with', () => {
    const defaultGroup = Object.entries(upbitEndpoints).filter(([, endpoint]) => endpoint.group === 'default');
    const urgent = defaultGroup.filter(([, endpoint]) => 'priority' in endpoint && endpoint.priority === 'urgent').map(([name]) => name);
    expect(urgent.sort()).toEqual(['cancelOrder', 'cancelOrders', 'order']);
    expect(upbitEndpoints.cancelAll).toEqual(expect.objectContaining({ group: 'order-cancel-all', priority: 'urgent' }));
  });

  it('keeps order creation in its own order group, apart from lookups and cancels', () => {
    expect(upbitEndpoints.placeOrder).toEqual(expect.objectContaining({ method: 'POST', path: '/orders', group: 'order', kind: 'create' }));
    expect(upbitEndpoints.replaceOrder.group).toBe('order');
  });
});
