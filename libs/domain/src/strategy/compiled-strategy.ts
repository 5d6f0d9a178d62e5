import {
  Comparison,
  Condition,
  DEFAULT_APPROX_TOLERANCE,
  ManagementRule,
  Operand,
  Operator,
  StrategyDefinition,
  Trigger,
} from './strategy-definition';
import { ResolvedVariable, resolveVariable } from './variables';

export type Values = ReadonlyMap<string, number | null>;
export type ConditionTest = (current: Values, previous: Values | null) => boolean;

export interface CompiledTrigger {
  readonly trigger: Trigger;
  readonly test: ConditionTest;
}

/** A validated definition prepared for the hot path: variable keys resolved once, conditions as closures. */
export interface CompiledStrategy {
  readonly definition: StrategyDefinition;
  readonly variables: readonly ResolvedVariable[];
  readonly entry: readonly CompiledTrigger[];
  readonly management: readonly CompiledTrigger[];
  readonly exit: readonly CompiledTrigger[];
  readonly rules: readonly ManagementRule[];
  /** The pyramiding rule, if any (read on every tick with a position). */
  readonly pyramiding: Extract<ManagementRule, { kind: 'pyramiding' }> | null;
  /** Rank of each management rule and trigger id under a priority policy (lower wins). */
  readonly priority: ReadonlyMap<string, number> | null;
}

type Read = (values: Values) => number | null;

function compare(operator: Exclude<Operator, 'crosses_above' | 'crosses_below'>, l: number, r: number, tolerance: number): boolean {
  switch (operator) {
    case '>':
      return l > r;
    case '<':
      return l < r;
    case '>=':
      return l >= r;
    case '<=':
      return l <= r;
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '~=':
    case 'approx':
      return Math.abs(l - r) <= tolerance * Math.abs(r);
  }
}

function operandReader(operand: Operand, variables: Map<string, ResolvedVariable>): Read {
  if ('value' in operand) {
    const constant = operand.value;
    return () => constant;
  }
  const variable = resolveVariable(operand.variable, operand.params);
  variables.set(variable.key, variable);
  const key = variable.key;
  return (values) => values.get(key) ?? null;
}

function compileComparison(comparison: Comparison, variables: Map<string, ResolvedVariable>): ConditionTest {
  const left = operandReader(comparison.left, variables);
  const right = operandReader(comparison.right, variables);
  const tolerance = comparison.tolerance ?? DEFAULT_APPROX_TOLERANCE;
  if (comparison.operator === 'crosses_above' || comparison.operator === 'crosses_below') {
    const above = comparison.operator === 'crosses_above';
    // A cross needs both sides now and at the previous evaluation: before <= (>=), now > (<).
    return (current, previous) => {
      if (previous === null) return false;
      const [l0, r0, l1, r1] = [left(previous), right(previous), left(current), right(current)];
      if (l0 === null || r0 === null || l1 === null || r1 === null) return false;
      return above ? l0 <= r0 && l1 > r1 : l0 >= r0 && l1 < r1;
    };
  }
  const operator = comparison.operator;
  return (current) => {
    const l = left(current);
    const r = right(current);
    return l !== null && r !== null && compare(operator, l, r, tolerance);
  };
}

function compileCondition(condition: Condition, variables: Map<string, ResolvedVariable>): ConditionTest {
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, variables));
    return (current, previous) => parts.every((test) => test(current, previous));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, variables));
    return (current, previous) => parts.some((test) => test(current, previous));
  }
  return compileComparison(condition, variables);
}

export function compileStrategy(definition: StrategyDefinition): CompiledStrategy {
  const variables = new Map<string, ResolvedVariable>();
  const compile = (kind: Trigger['kind']): CompiledTrigger[] =>
    definition.triggers.filter((t) => t.kind === kind).map((trigger) => ({ trigger, test: compileCondition(trigger.condition, variables) }));
  const policy = definition.conflictPolicy;
  return {
    definition,
    entry: compile('entry'),
    management: compile('management'),
    exit: compile('exit'),
    rules: definition.management,
    pyramiding: definition.management.find((r): r is Extract<ManagementRule, { kind: 'pyramiding' }> => r.kind === 'pyramiding') ?? null,
    variables: [...variables.values()],
    priority: policy.kind === 'priority' ? new Map(policy.order.map((id, rank) => [id, rank])) : null,
  };
}
