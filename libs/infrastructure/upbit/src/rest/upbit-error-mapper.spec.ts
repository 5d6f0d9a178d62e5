import { ExchangeAuthError, ExchangeNotFoundError, ExchangeRejectedError, ExchangeUnexpectedError } from '@trader/application';
import { mapUpbitError } from './upbit-error-mapper';

function body(name: string | number, message = 'msg'): string {
  return JSON.stringify({ error: { name, message } });
}

describe('mapUpbitError', () => {
  it.each([
    ['insufficient_funds_bid', 'insufficient_funds'],
    ['insufficient_funds_ask', 'insufficient_funds'],
    ['under_min_total_bid', 'under_min_total'],
    ['under_min_total_ask', 'under_min_total'],
    ['invalid_price_bid', 'invalid_price_unit'],
    ['invalid_price_ask', 'invalid_price_unit'],
    ['invalid_volume_bid', 'invalid_volume'],
    ['volume_too_large', 'volume_too_large'],
    ['invalid_funds', 'invalid_funds'],
    ['duplicate_identifier', 'duplicate_identifier'],
    ['create_bid_error', 'invalid_order'],
    ['validation_error', 'validation'],
  ])('maps 400 %s to a rejection for %s, keeping the Upbit name', (name, reason) => {
    const error = mapUpbitError(400, body(name, '주문가격 단위를 잘못 입력하셨습니다.'));
    expect(error).toBeInstanceOf(ExchangeRejectedError);
    expect(error).toEqual(expect.objectContaining({ reason, exchangeName: name, exchangeMessage: '주문가격 단위를 잘못 입력하셨습니다.', status: 400 }));
  });

  it.each(['jwt_verification', 'invalid_access_key', 'nonce_used', 'expired_access_key', 'out_of_scope', 'invalid_query_payload', 'no_authorization_ip'])(
    'maps 401 %s to an auth error',
    (name) => {
      expect(mapUpbitError(401, body(name))).toEqual(expect.objectContaining({ code: 'EXCHANGE_AUTH', exchangeName: name }));
      expect(mapUpbitError(401, body(name))).toBeInstanceOf(ExchangeAuthError);
    },
  );

  it('recognises a reused identifier reported as a validation_error', () => {
    expect(mapUpbitError(400, body('validation_error', 'identifier is already used'))).toEqual(
      expect.objectContaining({ reason: 'duplicate_identifier', exchangeName: 'validation_error' }),
    );
  });

  it('maps 404 order_not_found to not found', () => {
    expect(mapUpbitError(404, body('order_not_found', '주문을 찾지 못했습니다.'))).toBeInstanceOf(ExchangeNotFoundError);
  });

  it('keeps a numeric error name as text', () => {
    expect(mapUpbitError(400, '{"error":{"message":"Missing request parameter error.","name":400}}')).toEqual(
      expect.objectContaining({ exchangeName: '400', reason: 'validation' }),
    );
  });

  it('reports a body that is not an Upbit error with its status and start of text', () => {
    const error = mapUpbitError(502, '<html>bad gateway</html>');
    expect(error).toBeInstanceOf(ExchangeUnexpectedError);
    expect(error).toEqual(expect.objectContaining({ status: 502, exchangeMessage: '<html>bad gateway</html>' }));
  });
});
