import { isVariableName, VARIABLES } from '@trader/domain';
import type { Condition, Operand, StrategyDefinition, VariableOperand } from '@trader/domain';
import { CliUsageError } from '../../cli/cli-output';

/** One `--param PATH=FROM:TO:STEP`: the number at PATH takes each value from FROM to TO (inclusive) by STEP. */
export interface SweepParameter {
  readonly path: string;
  readonly values: readonly number[];
}

/** One point of the grid: path → value, in the order the --param flags were given. */
export type ParameterSet = readonly (readonly [string, number])[];

/** A grid larger than this is almost surely a typo in a step, and would run for days. */
export const MAX_GRID_POINTS = 10_000;

const SPEC = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)=(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/;

/** Parses `rsi.period=10:20:2`; the values are rounded to 10 decimals so 0.1 steps do not drift. */
export function parseSweepParameter(text: string): SweepParameter {
  const match = SPEC.exec(text);
  if (!match) throw new CliUsageError(`--param "${text}" is not PATH=FROM:TO:STEP, e.g. rsi.period=10:20:2`);
  const [, target, field, fromText, toText, stepText] = match as unknown as [string, string, string, string, string, string];
  const from = Number(fromText);
  const to = Number(toText);
  const step = Number(stepText);
  if (step <= 0) throw new CliUsageError(`--param ${target}.${field}: the step must be more than 0`);
  if (to < from) throw new CliUsageError(`--param ${target}.${field}: ${to} is below ${from}`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_GRID_POINTS) throw new CliUsageError(`--param ${target}.${field}: ${count} values, more than ${MAX_GRID_POINTS}`);
  const values = Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(10)));
  return { path: `${target}.${field}`, values };
}

/** Every combination of the parameters' values (cartesian product), the last parameter varying fastest. */
export function parameterGrid(parameters: readonly SweepParameter[]): ParameterSet[] {
  const paths = parameters.map((p) => p.path);
  if (new Set(paths).size !== paths.length) throw new CliUsageError('--param: a path is given twice');
  const size = parameters.reduce((n, p) => n * p.values.length, 1);
  if (size > MAX_GRID_POINTS) throw new CliUsageError(`--param: the grid has ${size} points, more than ${MAX_GRID_POINTS}`);
  let grid: ParameterSet[] = [[]];
  for (const parameter of parameters) grid = grid.flatMap((set) => parameter.values.map((value) => [...set, [parameter.path, value] as const]));
  return grid;
}

/**
 * The strategy with the number at `path` set to `value`. PATH is `<target>.<field>`, the target looked
 * up in this order:
 * - a management rule id: the rule's numeric field (`add-on-profit.stepPercent`);
 * - a trigger id: `.value` sets the constants its comparisons compare with (`rsi-oversold-entry.value`),
 *   any other field the parameter of the variables in its condition that take it (`rsi-oversold-entry.period`);
 * - a variable name: the parameter of every operand of that variable in every trigger (`rsi.period`).
 * A path that addresses nothing is a usage error naming it.
 */
export function applyParameter(strategy: StrategyDefinition, path: string, value: number): StrategyDefinition {
  const [target = '', field = ''] = path.split('.');
  const ruleIndex = strategy.management.findIndex((rule) => rule.id === target);
  if (ruleIndex >= 0) {
    const rule = strategy.management[ruleIndex] as unknown as Record<string, unknown>;
    if (field === 'id' || field === 'kind' || typeof rule[field] !== 'number') {
      const numeric = Object.keys(rule).filter((key) => typeof rule[key] === 'number');
      throw new CliUsageError(`--param ${path}: rule ${target} has no number "${field}" (it has ${numeric.join(', ') || 'none'})`);
    }
    const management = strategy.management.map((r, i) => (i === ruleIndex ? ({ ...r, [field]: value } as typeof r) : r));
    return { ...strategy, management };
  }
  const trigger = strategy.triggers.find((t) => t.id === target);
  if (trigger) {
    const edit = field === 'value' ? setConstants(value) : setVariableParam(null, field, value);
    const result = editCondition(trigger.condition, edit);
    if (result.changed === 0) throw new CliUsageError(`--param ${path}: trigger ${target} has no ${field === 'value' ? 'constant' : `variable taking "${field}"`} to set`);
    return { ...strategy, triggers: strategy.triggers.map((t) => (t === trigger ? { ...t, condition: result.condition } : t)) };
  }
  if (isVariableName(target)) {
    if (!(field in VARIABLES[target].defaults)) {
      throw new CliUsageError(`--param ${path}: ${target} has no parameter "${field}" (it takes ${Object.keys(VARIABLES[target].defaults).join(', ') || 'none'})`);
    }
    let changed = 0;
    const triggers = strategy.triggers.map((t) => {
      const result = editCondition(t.condition, setVariableParam(target, field, value));
      changed += result.changed;
      return result.changed === 0 ? t : { ...t, condition: result.condition };
    });
    if (changed === 0) throw new CliUsageError(`--param ${path}: the strategy ${strategy.id} uses no ${target}`);
    return { ...strategy, triggers };
  }
  throw new CliUsageError(`--param ${path}: "${target}" is not a trigger id, a management rule id or a variable used by ${strategy.id}`);
}

/** The strategy with a whole parameter set applied. */
export function applyParameterSet(strategy: StrategyDefinition, set: ParameterSet): StrategyDefinition {
  return set.reduce((s, [path, value]) => applyParameter(s, path, value), strategy);
}

type OperandEdit = (operand: Operand, side: 'left' | 'right') => Operand | null;

function setConstants(value: number): OperandEdit {
  return (operand, side) => (side === 'right' && 'value' in operand ? { value } : null);
}

function setVariableParam(variable: string | null, param: string, value: number): OperandEdit {
  return (operand) => {
    if (!('variable' in operand)) return null;
    if (variable !== null && operand.variable !== variable) return null;
    if (!(param in VARIABLES[operand.variable].defaults)) return null;
    const edited: VariableOperand = { ...operand, params: { ...operand.params, [param]: value } };
    return edited;
  };
}

function editCondition(condition: Condition, edit: OperandEdit): { condition: Condition; changed: number } {
  if ('all' in condition || 'any' in condition) {
    const children = 'all' in condition ? condition.all : condition.any;
    let changed = 0;
    const edited = children.map((child) => {
      const result = editCondition(child, edit);
      changed += result.changed;
      return result.condition;
    });
    return { condition: 'all' in condition ? { all: edited } : { any: edited }, changed };
  }
  const left = edit(condition.left, 'left');
  const right = edit(condition.right, 'right');
  const changed = (left ? 1 : 0) + (right ? 1 : 0);
  return { condition: { ...condition, left: (left as VariableOperand | null) ?? condition.left, right: right ?? condition.right }, changed };
}

/** `rsi.period=12 add-on-profit.stepPercent=4` */
export function formatParameterSet(set: ParameterSet): string {
  return set.map(([path, value]) => `${path}=${value}`).join(' ');
}
