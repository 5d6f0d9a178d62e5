import { ASTVisitor, GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields, fragments expanded. */
  readonly maxDepth: number;
  /** Most fields one operation may select, fragments expanded and every alias counted. */
  readonly maxComplexity: number;
}

/**
 * Our own types are flat (depth 2), but introspection nests without end and aliases or fragment spreads
 * multiply fields, so one small request could make the loop resolve millions of fields. The standard
 * introspection query (depth 15, 220 fields) must still pass in paper mode.
 */
export const adminQueryLimits: QueryLimits = { maxDepth: 15, maxComplexity: 250 };

/** What a request breaking a limit gets, before anything is resolved (Apollo answers it as a validation failure). */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly code: 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX',
    message: string,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}

interface Cost {
  readonly depth: number;
  readonly fields: number;
}

const nothing: Cost = { depth: 0, fields: 0 };

/** A GraphQL validation rule: measures each operation over the document's AST and refuses one over the limits. */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    // A fragment costs the same wherever it is spread: measuring it once keeps this linear in the document.
    const fragmentCosts = new Map<string, Cost>();
    const measureFragment = (name: string, visiting: Set<string>): Cost => {
      const known = fragmentCosts.get(name);
      if (known) return known;
      const fragment = context.getFragment(name);
      // Unknown fragments and cycles are refused by graphql's own rules; here they only must not loop.
      if (!fragment || visiting.has(name)) return nothing;
      visiting.add(name);
      const cost = measure(fragment.selectionSet, visiting);
      visiting.delete(name);
      fragmentCosts.set(name, cost);
      return cost;
    };
    const measure = (selectionSet: SelectionSetNode, visiting: Set<string>): Cost => {
      let depth = 0;
      let fields = 0;
      for (const selection of selectionSet.selections) {
        let cost: Cost;
        if (selection.kind === Kind.FIELD) {
          const inner = selection.selectionSet ? measure(selection.selectionSet, visiting) : nothing;
          cost = { depth: inner.depth + 1, fields: inner.fields + 1 };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          cost = measure(selection.selectionSet, visiting);
        } else {
          cost = measureFragment(selection.name.value, visiting);
        }
        depth = Math.max(depth, cost.depth);
        fields += cost.fields;
      }
      return { depth, fields };
    };
    return {
      OperationDefinition(operation) {
        const cost = measure(operation.selectionSet, new Set());
        if (cost.depth > limits.maxDepth) {
          context.reportError(new QueryLimitError('QUERY_TOO_DEEP', `query depth ${cost.depth} exceeds the limit of ${limits.maxDepth}`));
        }
        if (cost.fields > limits.maxComplexity) {
          context.reportError(new QueryLimitError('QUERY_TOO_COMPLEX', `query selects ${cost.fields} fields, more than the limit of ${limits.maxComplexity}`));
        }
      },
    };
  };
}
