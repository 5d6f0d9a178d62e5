import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { QueryLimitError, queryLimitsRule } from './query-limits.validation-rule';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { name: String child: Node }
`);
const limits = { maxDepth: 3, maxComplexity: 6 };
const check = (query: string): string[] => validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits)]).map((e) => e.message);

describe('queryLimitsRule', () => {
  it('accepts a query within both limits', () => {
    expect(check('{ node { name child { name } } }')).toEqual([]);
  });

  it('measures depth through inline fragments and fragment spreads', () => {
    expect(check('{ node { child { child { name } } } }')).toEqual(['query depth 4 exceeds the limit of 3']);
    expect(check('{ node { ... on Node { child { ...Deeper } } } } fragment Deeper on Node { child { name } }')).toEqual(['query depth 4 exceeds the limit of 3']);
  });

  it('counts every alias and every spread of a fragment', () => {
    expect(check('{ a: node { name } b: node { name } c: node { name } d: node { name } }')).toEqual(['query selects 8 fields, more than the limit of 6']);
    expect(check('{ node { ...Two ...Two ...Two } } fragment Two on Node { name n: name }')).toEqual(['query selects 7 fields, more than the limit of 6']);
  });

  it('leaves fragment cycles to graphql’s own rule instead of looping', () => {
    const errors = validate(schema, parse('{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }'), [...specifiedRules, queryLimitsRule(limits)]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('Cannot spread fragment "A" within itself')]);
  });

  it('reports a typed error with a code', () => {
    const [error] = validate(schema, parse('{ node { child { child { child { name } } } } }'), [queryLimitsRule(limits)]);
    expect(error).toBeInstanceOf(QueryLimitError);
    expect((error as QueryLimitError).code).toBe('QUERY_TOO_DEEP');
  });
});
