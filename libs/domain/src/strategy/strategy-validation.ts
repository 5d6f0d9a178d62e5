import { MarketCode } from '../market/market-code';
import { parseDecimal } from '../shared/decimal';
import { DomainError } from '../shared/domain-error';
import { InvalidProtectionsError, Protections, validateProtections } from '../risk/protections';
import {
  APPROX_OPERATORS,
  Comparison,
  Condition,
  ConflictPolicy,
  ManagementRule,
  OPERATORS,
  Operand,
  Operator,
  Sizing,
  StrategyDefinition,
  TIMEFRAMES,
  Timeframe,
  Trigger,
  TriggerKind,
  VariableOperand,
} from './strategy-definition';
import { DefinitionIssue, InvalidStrategyDefinitionError } from './strategy.errors';
import { VARIABLES, VariableSpec, isVariableName } from './variables';


type Json = Record<string, unknown>;

const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_DEPTH = 8;

/** Collects every issue with a path, so one import reports all that is wrong with a definition. */
class Checker {
  readonly issues: DefinitionIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  object(value: unknown, path: string): Json | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    return this.fail(path, 'must be an object');
  }

  array(value: unknown, path: string, minLength = 0): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    if (value.length < minLength) return this.fail(path, `needs at least ${minLength} item(s)`);
    return value;
  }

  text(value: unknown, path: string, pattern?: RegExp): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') return this.fail(path, 'must be a non-empty string');
    if (pattern && !pattern.test(value)) return this.fail(path, `must match ${pattern}`);
    return value;
  }

  positive(value: unknown, path: string, options: { integer?: boolean; max?: number } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return this.fail(path, 'must be a positive number');
    if (options.integer && !Number.isInteger(value)) return this.fail(path, 'must be an integer');
    if (options.max !== undefined && value > options.max) return this.fail(path, `must be at most ${options.max}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(path, `must be one of ${allowed.join(', ')}`);
  }

  noExtraKeys(value: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'is not a known field');
    }
  }
}

function checkSizing(c: Checker, value: unknown, path: string): Sizing | undefined {
  const sizing = c.object(value, path);
  if (!sizing) return undefined;
  if (sizing.kind === 'fixed_quote') {
    c.noExtraKeys(sizing, path, ['kind', 'amount']);
    const amount = typeof sizing.amount === 'string' ? parseDecimal(sizing.amount) : null;
    if (!amount || amount.lte(0)) return c.fail(`${path}.amount`, 'must be a positive decimal string');
    return { kind: 'fixed_quote', amount: sizing.amount as string };
  }
  if (sizing.kind === 'balance_percent') {
    c.noExtraKeys(sizing, path, ['kind', 'percent']);
    const percent = typeof sizing.percent === 'string' ? parseDecimal(sizing.percent) : null;
    if (!percent || percent.lte(0) || percent.gt(100)) return c.fail(`${path}.percent`, 'must be a decimal string in (0, 100]');
    return { kind: 'balance_percent', percent: sizing.percent as string };
  }
  return c.fail(`${path}.kind`, 'must be fixed_quote or balance_percent');
}

function checkVariable(c: Checker, value: Json, path: string, kind: TriggerKind): VariableOperand | undefined {
  const name = value.variable;
  if (typeof name !== 'string' || !isVariableName(name)) {
    return c.fail(`${path}.variable`, `must be one of ${Object.keys(VARIABLES).join(', ')}`);
  }
  const spec: VariableSpec = VARIABLES[name];
  if (spec.needsPosition && kind === 'entry') return c.fail(path, `${name} needs an open position, so an entry trigger cannot use it`);
  c.noExtraKeys(value, path, ['variable', 'params']);
  if (value.params === undefined) return { variable: name };
  const params = c.object(value.params, `${path}.params`);
  if (!params) return undefined;
  const checked: Record<string, number> = {};
  for (const [param, v] of Object.entries(params)) {
    if (!(param in spec.defaults)) {
      c.fail(`${path}.params.${param}`, `is not a parameter of ${name} (${Object.keys(spec.defaults).join(', ') || 'none'})`);
      continue;
    }
    const integer = param !== 'stdDev';
    const n = c.positive(v, `${path}.params.${param}`, { integer, max: integer ? 10_000 : 10 });
    if (n !== undefined) checked[param] = n;
  }
  const merged = { ...spec.defaults, ...checked };
  if ('fast' in merged && 'slow' in merged && merged.fast >= merged.slow) c.fail(`${path}.params`, 'MACD fast must be below slow');
  return { variable: name, params: checked };
}

function checkOperand(c: Checker, value: unknown, path: string, kind: TriggerKind): Operand | undefined {
  const operand = c.object(value, path);
  if (!operand) return undefined;
  if ('value' in operand) {
    c.noExtraKeys(operand, path, ['value']);
    if (typeof operand.value !== 'number' || !Number.isFinite(operand.value)) return c.fail(`${path}.value`, 'must be a finite number');
    return { value: operand.value };
  }
  return checkVariable(c, operand, path, kind);
}

function checkComparison(c: Checker, value: Json, path: string, kind: TriggerKind): Comparison | undefined {
  c.noExtraKeys(value, path, ['left', 'operator', 'right', 'tolerance']);
  const leftObject = c.object(value.left, `${path}.left`);
  const left = leftObject && checkVariable(c, leftObject, `${path}.left`, kind);
  const operator = c.oneOf<Operator>(value.operator, `${path}.operator`, OPERATORS);
  const right = checkOperand(c, value.right, `${path}.right`, kind);
  let tolerance: number | undefined;
  if (value.tolerance !== undefined) {
    if (operator && !APPROX_OPERATORS.includes(operator)) c.fail(`${path}.tolerance`, 'only applies to the approx operator (~=)');
    tolerance = c.positive(value.tolerance, `${path}.tolerance`, { max: 1 });
  }
  if (!left || !operator || !right) return undefined;
  const leftSpec: VariableSpec = VARIABLES[left.variable];
  if ('variable' in right) {
    const rightSpec: VariableSpec = VARIABLES[right.variable];
    if (leftSpec.group !== rightSpec.group) {
      return c.fail(path, `cannot compare ${left.variable} (${leftSpec.group}) with ${right.variable} (${rightSpec.group})`);
    }
  } else if (leftSpec.range && (right.value < leftSpec.range[0] || right.value > leftSpec.range[1])) {
    return c.fail(`${path}.right.value`, `${left.variable} lies within ${leftSpec.range.join('..')}`);
  }
  return tolerance === undefined ? { left, operator, right } : { left, operator, right, tolerance };
}

function checkCondition(c: Checker, value: unknown, path: string, kind: TriggerKind, depth = 0): Condition | undefined {
  const condition = c.object(value, path);
  if (!condition) return undefined;
  if (depth > MAX_DEPTH) return c.fail(path, `nests deeper than ${MAX_DEPTH} levels`);
  for (const combinator of ['all', 'any'] as const) {
    if (combinator in condition) {
      c.noExtraKeys(condition, path, [combinator]);
      const items = c.array(condition[combinator], `${path}.${combinator}`, 1);
      if (!items) return undefined;
      const checked = items.map((item, i) => checkCondition(c, item, `${path}.${combinator}[${i}]`, kind, depth + 1));
      if (checked.some((x) => x === undefined)) return undefined;
      return combinator === 'all' ? { all: checked as Condition[] } : { any: checked as Condition[] };
    }
  }
  return checkComparison(c, condition, path, kind);
}

function checkTrigger(c: Checker, value: unknown, path: string): Trigger | undefined {
  const trigger = c.object(value, path);
  if (!trigger) return undefined;
  c.noExtraKeys(trigger, path, ['id', 'kind', 'action', 'condition']);
  const id = c.text(trigger.id, `${path}.id`, ID);
  const kind = c.oneOf<TriggerKind>(trigger.kind, `${path}.kind`, ['entry', 'management', 'exit']);
  if (!kind) return undefined;
  let action: Trigger['action'];
  if (kind === 'management') action = c.oneOf(trigger.action, `${path}.action`, ['add', 'close', 'hold'] as const);
  else if (trigger.action !== undefined) c.fail(`${path}.action`, 'only management triggers take an action');
  const condition = checkCondition(c, trigger.condition, `${path}.condition`, kind);
  if (!id || !condition || (kind === 'management' && !action)) return undefined;
  return action ? { id, kind, action, condition } : { id, kind, condition };
}

const RULE_FIELDS: Record<ManagementRule['kind'], Record<string, 'percent' | 'count' | 'ms' | 'optional_ms' | 'other'>> = {
  pyramiding: { stepPercent: 'percent', maxAdds: 'count', sizing: 'other' },
  averaging_down: { stepPercent: 'percent', maxAdds: 'count', sizing: 'other' },
  take_profit: { profitPercent: 'percent', basis: 'other', afterPyramiding: 'other' },
  stop_loss: { lossPercent: 'percent' },
  trailing_stop: { activationPercent: 'percent', dropPercent: 'percent' },
  crash_exit: { dropPercent: 'percent', windowMs: 'ms', pauseEntriesMs: 'optional_ms' },
  surge_guard: { risePercent: 'percent', windowMs: 'ms' },
};

function checkRule(c: Checker, value: unknown, path: string): ManagementRule | undefined {
  const rule = c.object(value, path);
  if (!rule) return undefined;
  const kind = c.oneOf(rule.kind, `${path}.kind`, Object.keys(RULE_FIELDS) as ManagementRule['kind'][]);
  const id = c.text(rule.id, `${path}.id`, ID);
  if (!kind || !id) return undefined;
  const fields = RULE_FIELDS[kind];
  c.noExtraKeys(rule, path, ['id', 'kind', ...Object.keys(fields)]);
  const before = c.issues.length;
  for (const [field, type] of Object.entries(fields)) {
    const at = `${path}.${field}`;
    if (type === 'percent') c.positive(rule[field], at, { max: kind === 'stop_loss' || field === 'dropPercent' ? 100 : 10_000 });
    if (type === 'count') c.positive(rule[field], at, { integer: true, max: 100 });
    if (type === 'ms' || (type === 'optional_ms' && rule[field] !== undefined)) c.positive(rule[field], at, { integer: true, max: 7 * 24 * 3_600_000 });
  }
  if (rule.sizing !== undefined) checkSizing(c, rule.sizing, `${path}.sizing`);
  if (kind === 'take_profit') {
    c.oneOf(rule.basis, `${path}.basis`, ['average', 'last_buy']);
    if (typeof rule.afterPyramiding !== 'boolean') c.fail(`${path}.afterPyramiding`, 'must be a boolean');
  }
  return c.issues.length === before ? (rule as unknown as ManagementRule) : undefined;
}

function checkPolicy(c: Checker, value: unknown, path: string, rankedIds: readonly string[]): ConflictPolicy | undefined {
  const policy = c.object(value, path);
  if (!policy) return undefined;
  if (policy.kind === 'conservative' || policy.kind === 'merge') {
    c.noExtraKeys(policy, path, ['kind']);
    return { kind: policy.kind };
  }
  if (policy.kind !== 'priority') return c.fail(`${path}.kind`, 'must be conservative, priority or merge');
  c.noExtraKeys(policy, path, ['kind', 'order']);
  const order = c.array(policy.order, `${path}.order`);
  if (!order) return undefined;
  const listed = order.filter((x): x is string => typeof x === 'string');
  if (listed.length !== order.length || new Set(listed).size !== listed.length) return c.fail(`${path}.order`, 'must list distinct ids');
  const missing = rankedIds.filter((id) => !listed.includes(id));
  const unknown = listed.filter((id) => !rankedIds.includes(id));
  if (missing.length > 0) c.fail(`${path}.order`, `must rank every management rule and management/exit trigger; missing ${missing.join(', ')}`);
  if (unknown.length > 0) c.fail(`${path}.order`, `names no management rule or trigger: ${unknown.join(', ')}`);
  return missing.length === 0 && unknown.length === 0 ? { kind: 'priority', order: listed } : undefined;
}

/**
 * Validates untrusted data (an imported JSON file, an API request) into a StrategyDefinition, or throws
 * InvalidStrategyDefinitionError listing every issue. Comparisons across groups are refused here, when
 * the strategy is defined, never at run time.
 */
export function validateStrategyDefinition(input: unknown): StrategyDefinition {
  const c = new Checker();
  const root = c.object(input, '$');
  if (!root) throw new InvalidStrategyDefinitionError(c.issues);
  c.noExtraKeys(root, '$', ['id', 'name', 'version', 'description', 'enabled', 'markets', 'timeframe', 'sizing', 'triggers', 'management', 'conflictPolicy', 'protections']);
  const id = c.text(root.id, '$.id', ID);
  const name = c.text(root.name, '$.name');
  const version = c.positive(root.version, '$.version', { integer: true });
  if (root.description !== undefined && typeof root.description !== 'string') c.fail('$.description', 'must be a string');
  if (typeof root.enabled !== 'boolean') c.fail('$.enabled', 'must be a boolean');
  const markets = (c.array(root.markets, '$.markets', 1) ?? []).map((m, i) => {
    try {
      return MarketCode.parse(String(m)).value;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return c.fail(`$.markets[${i}]`, error.message);
    }
  });
  if (new Set(markets).size !== markets.length) c.fail('$.markets', 'lists a market twice');
  const timeframe = c.oneOf<Timeframe>(root.timeframe, '$.timeframe', TIMEFRAMES);
  const sizing = checkSizing(c, root.sizing, '$.sizing');
  const rawTriggers = c.array(root.triggers, '$.triggers', 1) ?? [];
  const triggers = rawTriggers.map((t, i) => checkTrigger(c, t, `$.triggers[${i}]`));
  const declaresEntry = rawTriggers.some((t) => typeof t === 'object' && t !== null && (t as Json).kind === 'entry');
  if (rawTriggers.length > 0 && !declaresEntry) c.fail('$.triggers', 'needs at least one entry trigger');
  const management = (c.array(root.management, '$.management') ?? []).map((r, i) => checkRule(c, r, `$.management[${i}]`));
  const ids = [...triggers.map((t) => t?.id), ...management.map((r) => r?.id)].filter((x): x is string => x !== undefined);
  const duplicate = ids.find((x, i) => ids.indexOf(x) !== i);
  if (duplicate) c.fail('$', `the id ${duplicate} is used twice`);
  const kinds = management.map((r) => r?.kind);
  for (const kind of new Set(kinds)) {
    if (kind && kinds.filter((k) => k === kind).length > 1) c.fail('$.management', `has more than one ${kind} rule`);
  }
  if (management.some((r) => r?.kind === 'take_profit' && r.afterPyramiding) && !kinds.includes('pyramiding')) {
    c.fail('$.management', 'a take_profit after pyramiding needs a pyramiding rule');
  }
  const rankedIds = [
    ...management.map((r) => r?.id),
    ...triggers.filter((t) => t?.kind !== 'entry').map((t) => t?.id),
  ].filter((x): x is string => x !== undefined);
  const conflictPolicy = checkPolicy(c, root.conflictPolicy, '$.conflictPolicy', rankedIds);
  const protections = checkProtections(c, root.protections);

  if (c.issues.length > 0) throw new InvalidStrategyDefinitionError(c.issues);
  return {
    id: id as string,
    name: name as string,
    version: version as number,
    ...(root.description === undefined ? {} : { description: root.description as string }),
    enabled: root.enabled as boolean,
    markets: markets as string[],
    timeframe: timeframe as Timeframe,
    sizing: sizing as Sizing,
    triggers: triggers as Trigger[],
    management: management as ManagementRule[],
    conflictPolicy: conflictPolicy as ConflictPolicy,
    ...(protections === undefined ? {} : { protections }),
  };
}

/** The risk policy validates protections; its error names the field, reported here under `$.protections`. */
function checkProtections(c: Checker, value: unknown): Protections | undefined {
  if (value === undefined) return undefined;
  try {
    return validateProtections(value);
  } catch (error) {
    if (!(error instanceof InvalidProtectionsError)) throw error;
    const path = error.field === 'protections' ? '$.protections' : `$.protections.${error.field.replace(/^protections\./, '')}`;
    return c.fail(path, error.message);
  }
}

/** Renders a definition as the JSON text users export and import. */
export function exportStrategy(definition: StrategyDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** Parses and validates exported JSON text. */
export function importStrategy(text: string): StrategyDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidStrategyDefinitionError([{ path: '$', message: `is not JSON: ${(error as Error).message}` }]);
  }
  return validateStrategyDefinition(parsed);
}
