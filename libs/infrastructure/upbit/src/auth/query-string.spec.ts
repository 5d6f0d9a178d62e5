import fc from 'fast-check';
import { definedParams, encodeQuery } from './query-string';

describe('encodeQuery', () => {
  it('keeps the parameter order and repeats array keys with brackets', () => {
    const query = encodeQuery([
      ['market', 'KRW-BTC'],
      ['uuids', ['a', 'b']],
      ['order_by', 'desc'],
    ]);
    expect(query.unescaped).toBe('market=KRW-BTC&uuids[]=a&uuids[]=b&order_by=desc');
    expect(query.encoded).toBe('market=KRW-BTC&uuids%5B%5D=a&uuids%5B%5D=b&order_by=desc');
  });

  it('percent-encodes values for the URL while the hashed string stays unescaped', () => {
    const query = encodeQuery([['start_time', '2026-01-01T00:00:00+09:00']]);
    expect(query.unescaped).toBe('start_time=2026-01-01T00:00:00+09:00');
    expect(query.encoded).toBe('start_time=2026-01-01T00%3A00%3A00%2B09%3A00');
  });

  it('decodes back to exactly the hashed string for any values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })))), (params) => {
        const query = encodeQuery(params);
        expect(decodeURIComponent(query.encoded)).toBe(query.unescaped);
      }),
    );
  });

  it('drops parameters that are not set', () => {
    expect(definedParams([['a', '1'], ['b', undefined], ['c', ['x']]])).toEqual([
      ['a', '1'],
      ['c', ['x']],
    ]);
  });
});
