import { describe, expect, it } from 'vitest';
import { amountFields, emptyOrderForm, placeOrderRequest } from './order-form';

describe('manual order form → POST /api/v1/orders body', () => {
  it('sends a limit order with its price, volume and time in force, trimmed, and never funds', () => {
    const values = { ...emptyOrderForm('KRW-BTC'), price: ' 50000000 ', volume: '0.001', funds: '999', timeInForce: 'post_only' } as const;
    expect(placeOrderRequest(values)).toEqual({ market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '50000000', volume: '0.001', timeInForce: 'post_only' });
  });

  it('sends a market buy with its funds only, and no time in force', () => {
    const values = { ...emptyOrderForm('KRW-ETH'), orderType: 'market', price: '1', volume: '2', funds: '50000', timeInForce: 'ioc' } as const;
    expect(placeOrderRequest(values)).toEqual({ market: 'KRW-ETH', side: 'buy', orderType: 'market', funds: '50000' });
  });

  it('sends a best sell with its volume and time in force', () => {
    const values = { ...emptyOrderForm('KRW-BTC'), side: 'sell', orderType: 'best', volume: '0.5', funds: '10', timeInForce: 'ioc' } as const;
    expect(placeOrderRequest(values)).toEqual({ market: 'KRW-BTC', side: 'sell', orderType: 'best', volume: '0.5', timeInForce: 'ioc' });
  });

  it('leaves out an empty amount and an unchosen time in force, so the server names what is missing', () => {
    expect(placeOrderRequest(emptyOrderForm('KRW-BTC'))).toEqual({ market: 'KRW-BTC', side: 'buy', orderType: 'limit' });
  });

  it('passes what was typed unchecked: the server validates amounts', () => {
    expect(placeOrderRequest({ ...emptyOrderForm('KRW-BTC'), price: 'abc', volume: '-1' })).toEqual(expect.objectContaining({ price: 'abc', volume: '-1' }));
  });

  it('shows the amounts each order type and side is given by', () => {
    expect(amountFields('limit', 'sell')).toEqual(['price', 'volume']);
    expect(amountFields('market', 'buy')).toEqual(['funds']);
    expect(amountFields('best', 'sell')).toEqual(['volume']);
  });
});
