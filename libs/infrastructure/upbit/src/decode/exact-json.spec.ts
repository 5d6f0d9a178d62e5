import { ProtocolError } from '@trader/application';
import { Dec } from '@trader/domain';
import fc from 'fast-check';
import { parseExactJson } from './exact-json';

function valueOf(text: string): unknown {
  return (parseExactJson(text, 'test') as { v: unknown }).v;
}

describe('parseExactJson', () => {
  it('keeps every digit of numbers a double cannot hold, as their literal text', () => {
    const parsed = parseExactJson('{"atp24h":123456789012.12345678,"tv":0.00000001,"n":-5e-9}', 'test') as Record<string, string>;
    expect(parsed).toEqual({ atp24h: '123456789012.12345678', tv: '0.00000001', n: '-5e-9' });
  });

  it('keeps an integer beyond 2^53 as text', () => {
    expect(valueOf('{"v":9007199254740993}')).toBe('9007199254740993');
    expect(valueOf('{"v":9007199254740991}')).toBe(9007199254740991);
  });

  it('takes the native parser when every number fits a double exactly', () => {
    const text = '{"ttm":"12:34:56","msg":"a \\"1,2\\" :3,","arr":[1,"2",[3.5]],"tms":1795464793446,"ok":true,"none":null}';
    expect(parseExactJson(text, 'test')).toEqual({ ttm: '12:34:56', msg: 'a "1,2" :3,', arr: [1, '2', [3.5]], tms: 1795464793446, ok: true, none: null });
  });

  it('leaves digits inside strings alone on the exact path too', () => {
    const text = '{"id":"1234567890123456789.5","v":0.1234567890123456789}';
    expect(parseExactJson(text, 'test')).toEqual({ id: '1234567890123456789.5', v: '0.1234567890123456789' });
  });

  it('yields the exact value of any decimal literal, whichever path it takes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 18 }), (units, scale) => {
        const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
        const literal = `${units < 0n ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
        const parsed = valueOf(`{"v":${literal}}`);
        expect(typeof parsed === 'number' || typeof parsed === 'string').toBe(true);
        expect(new Dec(parsed as string | number).equals(new Dec(literal))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects text that is not JSON with a ProtocolError naming what was parsed', () => {
    expect(() => parseExactJson('{"a":', 'frame')).toThrow(ProtocolError);
    expect(() => parseExactJson('{"a":', 'frame')).toThrow(/frame/);
  });
});
