import definition from './basic-seven-rules.strategy.json';
import { StrategyDefinition } from './strategy-definition';
import { validateStrategyDefinition } from './strategy-validation';

/**
 * The reference strategy every layer must support, shipped as data (basic-seven-rules.strategy.json)
 * and validated like any imported strategy.
 */
export function basicSevenRulesStrategy(): StrategyDefinition {
  return validateStrategyDefinition(definition);
}
