import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { definitionProblems, lineOfField } from './definition-problems';

const text = '{\n  "id": "x",\n  "markets": [],\n  "triggers": [\n    { "id": "t" }\n  ]\n}';

describe('definitionProblems', () => {
  it('maps each errors[] entry of the problem to its field path and the line of its key', () => {
    const error = new ApiError({
      type: 'about:blank',
      title: 'bad request',
      status: 400,
      detail: 'Invalid strategy definition: markets: must hold at least 1 item(s); triggers[0].condition: is required',
      code: 'invalid_strategy_definition',
      errors: [
        { field: 'markets', message: 'must hold at least 1 item(s)' },
        { field: 'triggers[0].condition', message: 'is required' },
        { field: '$', message: 'must be an object' },
      ],
    });
    expect(definitionProblems(error, text)).toEqual([
      { field: 'markets', message: 'must hold at least 1 item(s)', line: 3 },
      { field: 'triggers[0].condition', message: 'is required', line: 4 },
      { field: '$', message: 'must be an object', line: undefined },
    ]);
  });

  it('shows a refusal without field errors as one problem of the whole definition', () => {
    const error = new ApiError({ type: 'about:blank', title: 'conflict', status: 409, detail: 'strategy x is already defined' });
    expect(definitionProblems(error, text)).toEqual([{ field: '', message: 'strategy x is already defined', line: undefined }]);
  });
});

describe('lineOfField', () => {
  it('finds no line for a key the text does not hold', () => {
    expect(lineOfField(text, 'sizing.amount')).toBeUndefined();
  });
});
