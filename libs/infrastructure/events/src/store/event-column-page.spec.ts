import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { decodeEventColumnPage, EventColumnPage } from './event-column-page';

/** Two rows as the page-reader worker concatenates them (numbers and JSON as JSON arrays). */
const page = (overrides: Partial<EventColumnPage> = {}): EventColumnPage => ({
  from: 10,
  count: 2,
  last: 12,
  positions: '[10,12]',
  streamIds: 's-1\u0000s-2',
  versions: '[1,4]',
  eventIds: 'e-1\u0000e-2',
  types: 'Placed\u0000Filled',
  schemaVersions: '[1,1]',
  payloads: '[{"a":1},{"b":"x, y"}]',
  metadata: '[{"correlationId":"c"},0]',
  recordedAt: '[1000,2000]',
  ...overrides,
});

const registry = new EventSchemaRegistry();

/** The columns of a page taken apart into the events `decodeEventRow` makes, or refused (undefined) for the row reader. */
describe('decoding a page of concatenated columns', () => {
  it('makes the events the row decoder makes, with only the wanted metadata', () => {
    expect(decodeEventColumnPage(page(), registry, new Set(['Placed']))).toEqual([
      { position: 10, streamId: 's-1', streamVersion: 1, eventId: 'e-1', type: 'Placed', schemaVersion: 1, data: { a: 1 }, metadata: { correlationId: 'c', recordedAt: 1000 } },
      { position: 12, streamId: 's-2', streamVersion: 4, eventId: 'e-2', type: 'Filled', schemaVersion: 1, data: { b: 'x, y' }, metadata: { recordedAt: 2000 } },
    ]);
  });

  it('is empty for an empty page', () => {
    const empty = { from: 10, count: 0, last: null, positions: null, streamIds: null, versions: null, eventIds: null, types: null, schemaVersions: null, payloads: null, metadata: null, recordedAt: null };
    expect(decodeEventColumnPage(empty, registry)).toEqual([]);
  });

  it.each([
    ['a payload that is two values', { payloads: '[{"a":1},{"b":2},{"c":3}]' }],
    ['a payload that is no JSON', { payloads: '[{"a":1},{not json]' }],
    ['two payloads that pair up into one', { payloads: '[[1,2]]' }],
    ['a column that is no array', { positions: '10' }],
    ['a separator inside an identifier', { streamIds: 's-1\u0000s\u00002' }],
    ['positions out of order', { positions: '[12,10]' }],
    ['a position before the page’s first', { positions: '[9,12]' }],
    ['an empty type', { types: '\u0000Filled' }],
    ['wanted metadata that is not an object', { metadata: '[[1],0]' }],
    ['a column missing', { recordedAt: null }],
  ] as const)('leaves to the row reader a page with %s', (_, overrides) => {
    expect(decodeEventColumnPage(page(overrides), registry, new Set(['Placed']))).toBeUndefined();
  });

  it('refuses metadata that is not an object for every type when all are wanted', () => {
    expect(decodeEventColumnPage(page(), registry)).toBeUndefined();
    expect(decodeEventColumnPage(page({ metadata: '[{},{"x":1}]' }), registry)?.map((event) => event.metadata)).toEqual([{ recordedAt: 1000 }, { x: 1, recordedAt: 2000 }]);
  });
});
