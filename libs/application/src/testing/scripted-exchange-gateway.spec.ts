import { Dec } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import { OrderRequest } from '../ports/exchange-gateway.types';
import { ScriptedExchangeGateway, ScriptedOutcome } from './scripted-exchange-gateway';

const d = (value: string): Dec => new Dec(value);

/** A valid limit buy: 0.001 BTC at 100,000,000 KRW (tick 1,000) = 100,000 KRW. */
const limitBuy = (identifier: string, terms: Partial<OrderRequest> = {}): OrderRequest => ({
  market: 'KRW-BTC',
  side: 'bid',
  ordType: 'limit',
  price: d('100000000'),
  volume: d('0.001'),
  identifier,
  ...terms,
});

async function refusal(exchange: ScriptedExchangeGateway, request: OrderRequest): Promise<[string, string]> {
  const error = await exchange.placeOrder(request).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExchangeRejectedError)) throw new Error(`expected a refusal of ${request.identifier}, got ${String(error)}`);
  return [error.reason, error.exchangeName];
}

describe('ScriptedExchangeGateway enforces Upbit’s order rules', () => {
  const setup = () => new ScriptedExchangeGateway(() => 1_000);

  it('refuses a reused identifier as Upbit does, and keeps both requests in `placed`', async () => {
    const exchange = setup();
    expect((await exchange.placeOrder(limitBuy('same'))).outcome).toBe('accepted');
    expect(await refusal(exchange, limitBuy('same'))).toEqual(['duplicate_identifier', 'validation_error']);
    expect(exchange.placed.map((r) => r.identifier)).toEqual(['same', 'same']);
  });

  it('refuses an identifier whose first request was refused', async () => {
    const exchange = setup();
    expect(await refusal(exchange, limitBuy('x', { volume: d('0.00001') }))).toEqual(['under_min_total', 'under_min_total_bid']);
    expect(await refusal(exchange, limitBuy('x'))).toEqual(['duplicate_identifier', 'validation_error']);
  });

  it.each<[string, ScriptedOutcome]>([
    ['its answer was lost', { kind: 'lost-answer' }],
    ['the request was lost', { kind: 'lost-request' }],
    ['it was scripted to be rejected', { kind: 'reject', reason: 'insufficient_funds' }],
  ])('refuses an identifier sent again after %s', async (_what, outcome) => {
    const exchange = setup();
    exchange.script('lost', outcome);
    await exchange.placeOrder(limitBuy('lost')).catch(() => undefined);
    expect(await refusal(exchange, limitBuy('lost'))).toEqual(['duplicate_identifier', 'validation_error']);
  });

  it('refuses a volume with more than 8 decimals', async () => {
    expect(await refusal(setup(), limitBuy('v', { volume: d('0.001000001') }))).toEqual(['invalid_volume', 'invalid_volume_bid']);
    expect(await refusal(setup(), { market: 'KRW-BTC', side: 'ask', ordType: 'market', volume: d('0.123456789'), identifier: 's' })).toEqual([
      'invalid_volume',
      'invalid_volume_ask',
    ]);
  });

  it('refuses a limit price off the tick grid (1,000 KRW above 1,000,000 KRW)', async () => {
    expect(await refusal(setup(), limitBuy('t', { price: d('100000500') }))).toEqual(['invalid_price_unit', 'invalid_price_bid']);
    expect(await refusal(setup(), limitBuy('t', { side: 'ask', price: d('99999999.5') }))).toEqual(['invalid_price_unit', 'invalid_price_ask']);
  });

  it('refuses a total under 5,000 KRW, for limit orders, market buys and market sells', async () => {
    expect(await refusal(setup(), limitBuy('m', { price: d('4999000'), volume: d('0.001') }))).toEqual(['under_min_total', 'under_min_total_bid']);
    expect(await refusal(setup(), { market: 'KRW-BTC', side: 'bid', ordType: 'price', price: d('4999'), identifier: 'b' })).toEqual([
      'under_min_total',
      'under_min_total_bid',
    ]);
    // The fake sells at 100,000 KRW: 0.04 is 4,000 KRW.
    expect(await refusal(setup(), { market: 'KRW-BTC', side: 'ask', ordType: 'market', volume: d('0.04'), identifier: 's' })).toEqual([
      'under_min_total',
      'under_min_total_ask',
    ]);
  });

  it('accepts an order exactly at the minimum, on the grid, with 8 decimals', async () => {
    const exchange = setup();
    expect((await exchange.placeOrder(limitBuy('ok-1', { price: d('5000'), volume: d('1') }))).outcome).toBe('accepted');
    expect((await exchange.placeOrder(limitBuy('ok-2', { volume: d('0.00005') }))).outcome).toBe('accepted');
    expect((await exchange.placeOrder({ market: 'KRW-BTC', side: 'bid', ordType: 'price', price: d('5000'), identifier: 'ok-3' })).outcome).toBe('accepted');
  });
});
