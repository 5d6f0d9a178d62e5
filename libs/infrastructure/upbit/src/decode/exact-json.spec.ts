import { ProtocolError } from '@trader/application';
import { Dec } from '@trader/domain';
import fc from 'fast-check';
import { parseExactJson, parseExactMembers } from './exact-json';
import { MemberKeys } from './member-keys';

function valueOf(literal: string): unknown {
  return (parseExactJson(`{"v":${literal}}`, 'test') as { v: unknown }).v;
}

/** JSON.parse's tree with every Dec turned into the double JSON.parse makes of the same literal. */
function asDoubles(value: unknown): unknown {
  if (value instanceof Dec) return value.toNumber();
  if (Array.isArray(value)) return value.map(asDoubles);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDoubles(v)]));
  return value;
}

function refusal(text: string): unknown {
  try {
    parseExactJson(text, 'frame');
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseExactJson', () => {
  it('keeps every digit of numbers a double cannot hold, as exact decimals', () => {
    const parsed = parseExactJson('{"atp24h":123456789012.12345678,"tv":0.00000001,"n":-5e-9}', 'test') as Record<string, Dec>;
    expect(parsed.atp24h).toEqual(new Dec('123456789012.12345678'));
    expect(parsed.atp24h.toFixed()).toBe('123456789012.12345678');
    expect(parsed.tv.toFixed()).toBe('0.00000001');
    expect(parsed.n.toFixed()).toBe('-0.000000005');
  });

  it('gives safe integers as numbers and larger ones as exact decimals', () => {
    expect(valueOf('9007199254740991')).toBe(9007199254740991);
    expect(valueOf('-42')).toBe(-42);
    expect(Object.is(valueOf('-0'), -0)).toBe(true);
    expect(valueOf('9007199254740993')).toEqual(new Dec('9007199254740993'));
    expect(valueOf('100000000000000000000000')).toEqual(new Dec('1e23'));
  });

  it('reads exponent forms exactly, as Upbit may send tiny amounts', () => {
    expect(valueOf('1e-8')).toEqual(new Dec('0.00000001'));
    expect(valueOf('1E+5')).toEqual(new Dec('100000'));
    expect(valueOf('2.5e3')).toEqual(new Dec('2500'));
    expect(valueOf('-0.0')).toEqual(new Dec('-0'));
  });

  it('yields strings, arrays, booleans and null as JSON.parse does, escapes included', () => {
    const text = ' {"ttm" : "12:34:56", "msg":"a \\"1,2\\" :3,\\n\\t\\/\\\\\\u00e9\\ud83d\\ude00", "arr":[1,"2",[3.5],{}], "tms":1795464793446,\n"ok":true,"no":false,"none":null, "한":"원"} ';
    expect(asDoubles(parseExactJson(text, 'test'))).toEqual(JSON.parse(text));
  });

  it('makes a "__proto__" key an own property, as JSON.parse does, without touching the prototype', () => {
    const parsed = parseExactJson('{"__proto__":{"polluted":1},"a":1}', 'test') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect((parsed as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    expect(parseExactJson('{"a":1,"a":"two"}', 'test')).toEqual({ a: 'two' });
  });

  it('agrees with JSON.parse on any JSON document, numbers compared as the doubles JSON.parse makes', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(asDoubles(parseExactJson(text, 'test'))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses exactly what JSON.parse refuses, when a document is cut short or altered', () => {
    const altered = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', '0', '-', '.', 'e', '"', '\\', ',', '}', ']', ':', ' ', '\u0001', 'x')).map(
      ([text, at, insert]) => {
        const cut = at % (text.length + 1);
        return `${text.slice(0, cut)}${insert}${text.slice(cut + (insert === '' ? 1 : 0))}`;
      },
    );
    fc.assert(
      fc.property(altered, (text) => {
        let nativeRefuses = false;
        try {
          JSON.parse(text);
        } catch {
          nativeRefuses = true;
        }
        expect(refusal(text) instanceof ProtocolError).toBe(nativeRefuses);
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['truncated JSON', '{"tp":95000000,"tv":0.5'],
    ['a truncated number', '{"tv":0.'],
    ['NaN', '{"tp":NaN}'],
    ['Infinity', '{"tp":Infinity}'],
    ['-Infinity', '{"tp":-Infinity}'],
    ['a leading zero', '{"tp":0123}'],
    ['a plus sign', '{"tp":+1}'],
    ['a bare fraction', '{"tp":.5}'],
    ['an empty exponent', '{"tp":1e}'],
    ['a trailing comma', '{"tp":1,}'],
    ['single quotes', "{'tp':1}"],
    ['a raw control character in a string', '{"cd":"KRW\u0001BTC"}'],
    ['an unknown escape', '{"cd":"\\x41"}'],
    ['a short unicode escape', '{"cd":"\\u00e"}'],
    ['text after the document', '{"tp":1} x'],
    ['an empty text', ''],
  ])('refuses %s with a ProtocolError naming what was parsed', (_what, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const error = refusal(text);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).field).toBe('frame');
    expect((error as ProtocolError).expected).toBe('a JSON document');
  });
});

describe('parseExactMembers', () => {
  const keys = new MemberKeys(['ty', 'tp', 'obu']);

  it('keeps the named members as parseExactJson reads them, the last of duplicates, and drops the others', () => {
    const text = '{"ty":"trade","x":{"deep":[1,2.5]},"tp":1.5,"tp":2.25,"obu":[{"ap":1}],"__proto__":1}';
    const members = parseExactMembers(text, 'frame', keys);
    expect(members.get('ty')).toBe('trade');
    expect(members.get('tp')).toEqual(new Dec('2.25'));
    expect(members.get('obu')).toEqual([{ ap: 1 }]);
    expect(members.get('x')).toBeUndefined();
    expect(members.get('__proto__')).toBeUndefined();
  });

  it('refuses a dropped member that is not JSON, as JSON.parse refuses the whole text', () => {
    expect(() => parseExactMembers('{"ty":"trade","x":[1,}', 'frame', keys)).toThrow(expect.objectContaining({ field: 'frame', expected: 'a JSON document' }));
  });

  it('refuses a document that is JSON but not an object, naming what was parsed', () => {
    for (const text of ['[1,2]', '"ticker"', '12', 'null']) {
      expect(() => parseExactMembers(text, 'frame', keys)).toThrow(expect.objectContaining({ field: 'frame', expected: 'an object' }));
    }
  });

  it('agrees with parseExactJson on the members it keeps, for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('ty', 'tp', 'obu', 'other', 'x'), fc.jsonValue()), (record) => {
        const text = JSON.stringify(record);
        const whole = parseExactJson(text, 'test') as Record<string, unknown>;
        const members = parseExactMembers(text, 'test', keys);
        for (const key of ['ty', 'tp', 'obu']) expect(members.get(key)).toEqual(whole[key]);
      }),
      { numRuns: 300 },
    );
  });
});
